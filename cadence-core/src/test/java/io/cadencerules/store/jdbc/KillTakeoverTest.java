package io.cadencerules.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ChannelAdapter;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.engine.CadenceListener;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7: an engine in another JVM is killed with SIGKILL in the middle of a batch, holding leases;
 * an engine in this JVM takes its journeys over. Measured: the takeover time, from the kill until
 * the surviving engine has processed the first journey the dead one held. Asserted: it is within
 * {@link #TAKEOVER_BOUND} with the engine's default lease, every journey ends up processed, and the
 * only idempotency keys offered twice are those of journeys the dead instance held (its dispatches
 * left in doubt), each re-offered once, which an adapter that honours the keys does not send again.
 */
class KillTakeoverTest {

    private static final String PREFIX = "kill_";
    private static final String CHILD = "child";
    private static final String SURVIVOR = "survivor";
    private static final int JOURNEYS = 2_000;
    /** The child's adapter takes this long per contact, so a batch of 500 takes seconds. */
    private static final long CHILD_MILLIS_PER_CONTACT = 5;
    private static final int CHILD_BATCH = 500;
    /** From this offer on, the child's adapter records the offer and never answers: it dies with those in doubt. */
    private static final long CHILD_HANGS_AT = 40;
    /** The bound on taking over a killed instance's journeys. */
    static final Duration TAKEOVER_BOUND = Duration.ofSeconds(15);
    /** How long the survivor is given to finish everything after the kill before the test gives up. */
    private static final Duration FINISH_DEADLINE = Duration.ofSeconds(60);

    /**
     * The lease of both engines: the engine's default unless {@code -Dcadence.killTakeover.lease=PT10S}
     * (an ISO-8601 duration) sets one, to try the test against a lease the default does not have yet.
     */
    private static final String LEASE = System.getProperty("cadence.killTakeover.lease", "default");

    private static HikariDataSource pool;

    @BeforeAll
    static void database() {
        pool = TestDatabase.bulkPool("kill", 4);
        JdbcJourneyStore.builder(pool).clock(() -> Instant.EPOCH).tablePrefix(PREFIX).build().createSchema();
        TestDatabase.emptyStore(pool, PREFIX);
        TestDatabase.execute(pool,
                "DROP TABLE IF EXISTS " + PREFIX + "offers, " + PREFIX + "sent",
                "CREATE TABLE " + PREFIX + "offers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, key text NOT NULL,"
                        + " instance text NOT NULL, journey text NOT NULL, at timestamptz NOT NULL)",
                "CREATE TABLE " + PREFIX + "sent (key text PRIMARY KEY, instance text NOT NULL, at timestamptz NOT NULL)");
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    /** The one-step cadence both processes register. */
    static Cadence cadence() {
        return MultiInstance.every("kill", 1, Duration.ofMinutes(15));
    }

    @Test
    void a_killed_instance_s_journeys_are_taken_over_within_the_bound_and_no_key_is_sent_twice() throws Exception {
        InstantSource clock = MultiInstance.realTime(pool);
        Instant enrolled = clock.instant().minus(MultiInstance.FIRST).minusSeconds(1); // due a second ago
        List<Journey> journeys = MultiInstance.load(pool, PREFIX, cadence(), i -> enrolled, JOURNEYS);
        assertThat(journeys).hasSize(JOURNEYS);

        // The child: another JVM on this JVM's class path, running runDue() in a loop on the same database.
        EmbeddedPostgres server = TestDatabase.server();
        String url = server.getJdbcUrl("postgres", "postgres");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), KillTakeoverChild.class.getName(),
                url, "postgres", PREFIX, CHILD, String.valueOf(CHILD_MILLIS_PER_CONTACT), String.valueOf(CHILD_BATCH),
                String.valueOf(CHILD_HANGS_AT), LEASE)
                .redirectErrorStream(true).start();
        Thread echo = new Thread(() -> echo(child), "child-output");
        echo.setDaemon(true);
        echo.start();
        System.out.println("KillTakeoverTest: child pid " + child.pid() + " on port " + server.getPort());

        long killedAt;
        Instant killInstant;
        Set<String> held = new HashSet<>();
        Set<String> heldPending = new HashSet<>();
        try {
            // Kill it once it is in the middle of a batch: it has offered contacts (the last ones still in
            // flight in its adapter) and holds leased journeys.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (MultiInstance.count(pool, "SELECT count(*) FROM " + PREFIX + "offers WHERE instance = '" + CHILD + "'")
                    < CHILD_HANGS_AT + 3
                    || MultiInstance.count(pool, "SELECT count(*) FROM " + PREFIX + "journeys WHERE lease_owner = '" + CHILD + "'") == 0) {
                assertThat(child.isAlive()).as("the child is running").isTrue();
                assertThat(System.nanoTime()).as("the child claimed and offered within 60 s").isLessThan(deadline);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            killedAt = System.nanoTime();
            killInstant = clock.instant();
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no release, connections just drop
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child died").isTrue();
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        Instant deathTime = clock.instant();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT customer_id, subject_key, cadence_id, run, due_at, lease_until FROM " + PREFIX
                     + "journeys WHERE lease_owner = '" + CHILD + "'")) {
            while (r.next()) {
                String id = new JourneyId(r.getString(1), r.getString(2), r.getString(3), r.getInt(4)).toString();
                held.add(id);
                OffsetDateTime due = r.getObject(5, OffsetDateTime.class);
                if (due != null && !due.toInstant().isAfter(deathTime)) {
                    heldPending.add(id); // leased and still due: the child died before writing it
                }
            }
        }
        long childOffers = MultiInstance.count(pool, "SELECT count(*) FROM " + PREFIX + "offers WHERE instance = '" + CHILD + "'");
        long inDoubt = countInDoubt(heldPending);

        // The survivor: an engine in this JVM with the default lease, polling runDue() as a scheduler would.
        AtomicLong firstTakeover = new AtomicLong();
        CadenceEngine.Builder builder = CadenceEngine.builder();
        if (!LEASE.equals("default")) {
            builder.lease(Duration.parse(LEASE));
        }
        CadenceEngine survivor = builder.clock(clock)
                .store(JdbcJourneyStore.builder(pool).clock(clock).tablePrefix(PREFIX).build())
                .instanceId(SURVIVOR)
                .channel(Channel.SMS, new HonouringAdapter(pool, PREFIX, SURVIVOR, clock, 0, Long.MAX_VALUE))
                .listener(new CadenceListener() {
                    @Override
                    public void onEntry(Journey journey, HistoryEntry entry) {
                        if (heldPending.contains(journey.id().toString())) {
                            firstTakeover.compareAndSet(0, System.nanoTime()); // the survivor wrote a journey the child held
                        }
                    }
                })
                .cadences(cadence()).build();
        long finishDeadline = killedAt + FINISH_DEADLINE.toNanos();
        long processed = 0;
        String active = "SELECT count(*) FROM " + PREFIX + "journeys WHERE status = 'ACTIVE'";
        while (MultiInstance.count(pool, active) > 0 && System.nanoTime() < finishDeadline) {
            int n = survivor.runDue();
            processed += n;
            if (n == 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        long finishedAt = System.nanoTime();
        Duration takeover = firstTakeover.get() == 0 ? null : Duration.ofNanos(firstTakeover.get() - killedAt);

        // ------------------------------------------------------------------ the figures
        Map<String, List<String>> offers = new HashMap<>(); // key -> instances, in order
        Instant[] firstOffer = new Instant[1];
        Map<String, String> journeyOfKey = new HashMap<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT key, instance, journey, at FROM " + PREFIX + "offers ORDER BY id")) {
            while (r.next()) {
                offers.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
                journeyOfKey.put(r.getString(1), r.getString(3));
                Instant at = r.getObject(4, OffsetDateTime.class).toInstant();
                if (r.getString(2).equals(SURVIVOR) && heldPending.contains(r.getString(3))
                        && (firstOffer[0] == null || at.isBefore(firstOffer[0]))) {
                    firstOffer[0] = at; // the survivor's first offer for a journey the child held: the claim is done
                }
            }
        }
        Map<String, List<String>> reoffered = new HashMap<>();
        offers.forEach((key, by) -> {
            if (by.size() > 1) {
                reoffered.put(key, by);
            }
        });
        long survivorOffers = offers.values().stream().flatMap(List::stream).filter(SURVIVOR::equals).count();
        long sent = MultiInstance.count(pool, "SELECT count(*) FROM " + PREFIX + "sent");
        System.out.printf(Locale.ROOT, "KillTakeoverTest: %,d journeys; child killed after %,d offers holding %,d leased journeys"
                        + " (%,d still due, %,d of them offered and in doubt); takeover %s (bound %s; first offer of a held journey %s after the kill);"
                        + " lease %s; survivor processed %,d journeys in %.1f s after the kill, %,d offers; %,d keys re-offered; %,d keys sent%n",
                JOURNEYS, childOffers, held.size(), heldPending.size(), inDoubt,
                takeover == null ? "none within " + FINISH_DEADLINE : String.format(Locale.ROOT, "%.2f s", takeover.toNanos() / 1e9),
                TAKEOVER_BOUND, firstOffer[0] == null ? "never" : String.format(Locale.ROOT, "%.2f s",
                        Duration.between(killInstant, firstOffer[0]).toNanos() / 1e9), LEASE, processed, (finishedAt - killedAt) / 1e9, survivorOffers, reoffered.size(), sent);

        assertThat(heldPending).as("the child died holding leased journeys it had not finished").isNotEmpty();
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(takeover).as("takeover time: from the kill until the survivor processed a journey the child held")
                .isNotNull();
        if (takeover != null) {
            soft.assertThat(takeover).as("takeover time").isLessThanOrEqualTo(TAKEOVER_BOUND);
        }

        // Every journey processed: its one step sent and recorded once.
        Map<JourneyId, Journey> after = MultiInstance.readAll(pool, PREFIX);
        List<String> unprocessed = new ArrayList<>();
        for (Journey j : journeys) {
            Journey now = after.get(j.id());
            if (now == null || now.status() != JourneyStatus.WAITING
                    || !MultiInstance.sentKeys(now).equals(List.of(MultiInstance.key(j.id(), 1)))) {
                unprocessed.add(j.id() + (now == null ? " missing" : " " + now.status() + " sent " + MultiInstance.sentKeys(now)));
            }
        }
        soft.assertThat(unprocessed).as("journeys not processed exactly once (%d)", unprocessed.size()).isEmpty();
        soft.assertThat(offers.keySet()).as("distinct keys offered").hasSize(JOURNEYS);
        soft.assertThat(sent).as("contacts effectively sent (each key once)").isEqualTo(JOURNEYS);

        // Re-offers only for the child's journeys left in doubt: once by the child, once by the survivor.
        List<String> wrongReoffers = new ArrayList<>();
        reoffered.forEach((key, by) -> {
            if (!held.contains(journeyOfKey.get(key)) || !by.equals(List.of(CHILD, SURVIVOR))) {
                wrongReoffers.add(key + " offered by " + by + (held.contains(journeyOfKey.get(key)) ? "" : ", not held by the child"));
            }
        });
        soft.assertThat(wrongReoffers).as("keys re-offered other than once by the survivor for a journey the child held (%d)",
                wrongReoffers.size()).isEmpty();
        soft.assertThat((long) reoffered.size()).as("keys re-offered, at most the child's dispatches in doubt")
                .isLessThanOrEqualTo(inDoubt);
        soft.assertAll();
    }

    /** Journeys the child held, still due, for which it had offered a contact: the dispatches it left in doubt. */
    private static long countInDoubt(Set<String> heldPending) throws SQLException {
        long n = 0;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT DISTINCT journey FROM " + PREFIX + "offers WHERE instance = '" + CHILD + "'")) {
            while (r.next()) {
                if (heldPending.contains(r.getString(1))) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void echo(Process child) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int shown = 0;
            while ((line = in.readLine()) != null) {
                if (shown++ < 40) {
                    System.out.println("  [child] " + line);
                }
            }
        } catch (IOException e) {
            // the child was killed: its output ends here
        }
    }

    /**
     * An adapter that honours idempotency keys the way a provider that de-duplicates does: every
     * offer is recorded ({@code offers}: key, instance, journey, time), and the contact is sent (taking
     * {@code millis}) only when its key is new in {@code sent}. The tables are in the database, so the
     * adapters of both processes share them. From the {@code hangAt}-th offer on it records the offer
     * and then never answers, as a provider call still in flight when the process dies.
     */
    static final class HonouringAdapter implements ChannelAdapter {
        private final DataSource dataSource;
        private final String prefix;
        private final String instance;
        private final InstantSource clock;
        private final long millis;
        private final long hangAt;
        private final AtomicLong offered = new AtomicLong();

        HonouringAdapter(DataSource dataSource, String prefix, String instance, InstantSource clock, long millis, long hangAt) {
            this.dataSource = dataSource;
            this.prefix = prefix;
            this.instance = instance;
            this.clock = clock;
            this.millis = millis;
            this.hangAt = hangAt;
        }

        @Override
        public CompletionStage<DispatchResult> dispatch(ContactRequest request) {
            OffsetDateTime at = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            boolean isNew;
            try (Connection c = dataSource.getConnection();
                 PreparedStatement p = c.prepareStatement("WITH offer AS (INSERT INTO " + prefix + "offers (key, instance, journey, at)"
                         + " VALUES (?, ?, ?, ?)) INSERT INTO " + prefix + "sent (key, instance, at) VALUES (?, ?, ?)"
                         + " ON CONFLICT DO NOTHING")) { // one round trip: the offer recorded, the key sent if new
                p.setString(1, request.idempotencyKey());
                p.setString(2, instance);
                p.setString(3, request.journeyId().toString());
                p.setObject(4, at);
                p.setString(5, request.idempotencyKey());
                p.setString(6, instance);
                p.setObject(7, at);
                isNew = p.executeUpdate() == 1;
            } catch (SQLException e) {
                throw new UncheckedIOException(new IOException(e.getMessage(), e));
            }
            if (offered.incrementAndGet() >= hangAt) {
                LockSupport.parkNanos(TimeUnit.MINUTES.toNanos(2)); // in flight until the process is killed
            }
            if (isNew && millis > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis)); // the provider's time to take the contact
            }
            return CompletableFuture.completedFuture(DispatchResult.accepted((isNew ? "sent " : "already sent ")
                    + request.idempotencyKey()));
        }
    }
}
