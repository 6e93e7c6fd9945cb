package io.cadencerules.examples.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.zaxxer.hikari.HikariDataSource;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.CadenceBuilder;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ChannelAdapter;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.store.jdbc.JdbcJourneyStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The cadence engine on PostgreSQL ({@link JdbcJourneyStore}) against db-scheduler on the same server,
 * in the same run: two workloads, each side in turn, same thread count, same connection pool size.
 *
 * <ol>
 *   <li><b>Steady state</b>: {@code --journeys} journeys (db-scheduler: task instances), the first due
 *   times spread evenly over {@code --interval-ms} from the start, each due again {@code --interval-ms}
 *   after it runs: a constant stream of {@code journeys / interval} due per second. By default (100,000
 *   a second) that is more than either side can do, so the figure is each side's capacity, and the
 *   lateness is the age of the growing backlog; a longer interval measures lateness under a load both
 *   can carry. Each round runs {@code --warmup} seconds not counted, then
 *   counts executions for {@code --seconds}. Cadence: a cadence of short {@code after(interval)} SMS
 *   steps, a no-op SMS adapter, {@code --threads} engine instances (one thread each) calling
 *   {@code runDue()} in a loop. db-scheduler: a custom task whose handler does nothing and returns
 *   {@code OnCompleteReschedule(FixedDelay.of(interval))}.</li>
 *   <li><b>08:00 burst</b>: {@code --burst} journeys (one-time tasks) all due at the same instant;
 *   the time until every one has run. Cadence: a one-step cadence; after its contact each journey
 *   waits for its horizon, 30 days away. db-scheduler: a one-time task (deleted when done).</li>
 * </ol>
 *
 * <p>Both sides fill their tables the same way before each round, outside the timing: one row
 * written by the library itself (the engine enrols one journey; db-scheduler's insert for one task
 * has the same columns as our copy), copied with one {@code INSERT ... SELECT generate_series},
 * then {@code VACUUM ANALYZE} and {@code CHECKPOINT}. Each round starts a fresh {@link WallClock} at
 * 08:00 in São Paulo; the engine, the store and db-scheduler all read it.
 *
 * <p>Per side and workload the program reports executions per second, commits per execution
 * ({@code pg_stat_database.xact_commit} before and after the phase), table accesses and row writes per
 * execution ({@code pg_stat_user_tables}), and the p99 lateness (the time from an execution's due
 * time to the call of the adapter or task handler). It fails if any journey or task ran twice for
 * the same due time, if a burst item ran other than exactly once, or if the database disagrees with
 * what the handlers saw.
 *
 * <pre>
 *   mvn -B -q -pl cadence-examples -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   java -cp cadence-examples/target/classes:$(cat cadence-examples/target/cp.txt) \
 *       io.cadencerules.examples.bench.DbSchedulerComparison
 * </pre>
 * Options: {@code --journeys N} (100,000), {@code --burst N} (1,000,000), {@code --threads T} (2),
 * {@code --rounds R} (3), {@code --seconds S} (10, counted per steady round), {@code --warmup S} (5,
 * not counted, per steady round), {@code --interval-ms M} (1,000), {@code --only steady|burst},
 * {@code --dbs-limits L,U} (db-scheduler's lock-and-fetch limits as fractions of its threads; 0.5,3.0),
 * {@code --poll-ms P} (10,000, db-scheduler's default: how long each side waits to look again when
 * nothing is due; the engines sleep that long when {@code runDue()} found nothing),
 * {@code --synchronous-commit on|off} (on), {@code --statements} (loads {@code pg_stat_statements} and prints,
 * after each phase, the statements that took the server's time, per execution; costs a little speed).
 */
public final class DbSchedulerComparison {

    /** 08:00 in São Paulo: when the burst is due, and where every phase's clock starts. */
    static final Instant T0 = Instant.parse("2026-03-16T11:00:00Z");
    private static final String PREFIX = "cmp_";
    private static final String JOURNEYS = PREFIX + "journeys";
    private static final String CUSTOMERS = PREFIX + "customers";
    private static final String TASKS = PREFIX + "scheduled_tasks";
    /** The burst's journeys wait this long for their horizon after their one contact. */
    private static final int HORIZON_DAYS = 30;

    private DbSchedulerComparison() {
    }

    /** The two sides. */
    enum Side {
        CADENCE("cadence"), DB_SCHEDULER("db-scheduler");

        final String label;

        Side(String label) {
            this.label = label;
        }
    }

    /** The two workloads. */
    enum Workload {
        STEADY("steady state"), BURST("08:00 burst");

        final String label;

        Workload(String label) {
            this.label = label;
        }
    }

    /** The command-line options. */
    record Options(int journeys, int burst, int threads, int rounds, int seconds, int warmup, Duration interval,
                   List<Workload> workloads, double lowerLimit, double upperLimit, Duration poll, String synchronousCommit,
                   boolean statements) {

        static Options defaults() {
            return new Options(100_000, 1_000_000, 2, 3, 10, 5, Duration.ofSeconds(1), List.of(Workload.values()),
                    0.5, 3.0, Duration.ofSeconds(10), "on", false);
        }

        static Options parse(String[] args) {
            Options o = defaults();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--journeys" -> o = o.with(Integer.parseInt(value), o.burst, o.threads, o.rounds, o.seconds, o.warmup,
                            o.interval, o.workloads);
                    case "--burst" -> o = o.with(o.journeys, Integer.parseInt(value), o.threads, o.rounds, o.seconds, o.warmup,
                            o.interval, o.workloads);
                    case "--threads" -> o = o.with(o.journeys, o.burst, Integer.parseInt(value), o.rounds, o.seconds, o.warmup,
                            o.interval, o.workloads);
                    case "--rounds" -> o = o.with(o.journeys, o.burst, o.threads, Integer.parseInt(value), o.seconds, o.warmup,
                            o.interval, o.workloads);
                    case "--seconds" -> o = o.with(o.journeys, o.burst, o.threads, o.rounds, Integer.parseInt(value), o.warmup,
                            o.interval, o.workloads);
                    case "--warmup" -> o = o.with(o.journeys, o.burst, o.threads, o.rounds, o.seconds, Integer.parseInt(value),
                            o.interval, o.workloads);
                    case "--interval-ms" -> o = o.with(o.journeys, o.burst, o.threads, o.rounds, o.seconds, o.warmup,
                            Duration.ofMillis(Long.parseLong(value)), o.workloads);
                    case "--only" -> o = o.with(o.journeys, o.burst, o.threads, o.rounds, o.seconds, o.warmup, o.interval,
                            List.of(Workload.valueOf(value.toUpperCase(Locale.ROOT))));
                    case "--dbs-limits" -> {
                        String[] limits = value.split(",");
                        o = new Options(o.journeys, o.burst, o.threads, o.rounds, o.seconds, o.warmup, o.interval, o.workloads,
                                Double.parseDouble(limits[0]), Double.parseDouble(limits[1]), o.poll, o.synchronousCommit, o.statements);
                    }
                    case "--poll-ms" -> {
                        o = new Options(o.journeys, o.burst, o.threads, o.rounds, o.seconds, o.warmup, o.interval, o.workloads,
                                o.lowerLimit, o.upperLimit, Duration.ofMillis(Long.parseLong(value)), o.synchronousCommit, o.statements);
                    }
                    case "--synchronous-commit" -> o = new Options(o.journeys, o.burst, o.threads, o.rounds, o.seconds, o.warmup,
                            o.interval, o.workloads, o.lowerLimit, o.upperLimit, o.poll, value, o.statements);
                    case "--statements" -> {
                        o = new Options(o.journeys, o.burst, o.threads, o.rounds, o.seconds, o.warmup, o.interval, o.workloads,
                                o.lowerLimit, o.upperLimit, o.poll, o.synchronousCommit, true);
                        i--; // takes no value
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
                i++;
            }
            return o;
        }

        Options with(int journeys, int burst, int threads, int rounds, int seconds, int warmup, Duration interval,
                     List<Workload> workloads) {
            return new Options(journeys, burst, threads, rounds, seconds, warmup, interval, workloads, lowerLimit, upperLimit,
                    poll, synchronousCommit, statements);
        }
    }

    /**
     * One measured phase of one side. {@code executions} and {@code seconds} are the counted window
     * (steady state: after the warm-up; burst: from the start until the last one ran); the per-execution
     * database figures divide the whole phase's counts by all its executions.
     */
    record Phase(Side side, Workload workload, int round, long executions, double seconds, long allExecutions,
                 double commitsPerExecution, double tableAccessesPerExecution, double rowWritesPerExecution,
                 double p99LatenessMillis) {

        double perSecond() {
            return executions / seconds;
        }
    }

    /** Runs the benchmark; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.log.com.github.kagkarlsson") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.com.github.kagkarlsson", "warn"); // db-scheduler logs every start at INFO
        }
        if (System.getProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
        }
        run(Options.parse(args), System.out);
    }

    /** Runs every round of every chosen workload on both sides; returns the phases in the order run. */
    static List<Phase> run(Options o, PrintStream out) throws Exception {
        List<Phase> phases = new ArrayList<>();
        // the pool: one connection per worker thread, one for db-scheduler's poller, one for its housekeeping
        try (EmbeddedPostgres server = BenchPostgres.start(o.synchronousCommit(), o.statements());
             HikariDataSource pool = BenchPostgres.pool(server, o.threads() + 2)) {
            createTables(pool);
            Statements statements = o.statements() ? new Statements(pool) : null;
            out.printf(Locale.ROOT, "%s; JVM %s, %d CPUs; synchronous_commit=%s; %d worker thread(s) per side, pool of %d"
                            + " connections; db-scheduler lock-and-fetch (%.1f, %.1f); idle polling every %d ms; %d round(s)%n",
                    BenchPostgres.version(pool), System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(),
                    o.synchronousCommit(), o.threads(), o.threads() + 2, o.lowerLimit(), o.upperLimit(), o.poll().toMillis(), o.rounds());
            for (int round = 1; round <= o.rounds(); round++) {
                for (Workload workload : o.workloads()) {
                    // alternate which side goes first, so that neither always runs on the warmer (or busier) machine
                    Side[] order = round % 2 == 1 ? new Side[] {Side.CADENCE, Side.DB_SCHEDULER}
                            : new Side[] {Side.DB_SCHEDULER, Side.CADENCE};
                    for (Side side : order) {
                        Phase phase = workload == Workload.STEADY ? steady(pool, side, o, round, statements)
                                : burst(pool, side, o, round, statements);
                        phases.add(phase);
                        out.printf(Locale.ROOT, "  round %d, %-12s %-12s %s%n", round, workload.label + ",", side.label + ":",
                                describe(phase));
                        if (statements != null) {
                            statements.print(out, phase);
                        }
                    }
                }
            }
            summarize(phases, o, out);
        }
        return phases;
    }

    // ------------------------------------------------------------------ the workloads

    private static Phase steady(HikariDataSource pool, Side side, Options o, int round, Statements statements) throws Exception {
        int n = o.journeys();
        Duration counted = Duration.ofSeconds(o.seconds());
        Duration warmup = Duration.ofSeconds(o.warmup());
        // at most one execution per journey per interval: enough steps that no journey runs out in a phase
        int steps = (int) (warmup.plus(counted).toMillis() * 3 / Math.max(1, o.interval().toMillis())) + 10;
        Cadence cadence = steadyCadence(o.interval(), steps);
        // a constant stream: the first due times spread evenly over one interval from T0
        long spacingMicros = Math.max(1, o.interval().toNanos() / 1_000 / n);
        long[] firstDue = new long[n];
        for (int i = 0; i < n; i++) {
            firstDue[i] = epochNanos(T0) + i * spacingMicros * 1_000;
        }
        if (side == Side.CADENCE) {
            fillJourneys(pool, cadence, n, spacingMicros);
        } else {
            fillTasks(pool, "steady", n, spacingMicros);
        }
        Executions executions = new Executions(firstDue, (int) Math.min(Integer.MAX_VALUE - 8, o.seconds() * 200_000L));
        Counters before = Counters.read(pool, side);
        if (statements != null) {
            statements.reset();
        }
        WallClock clock = WallClock.startingAt(T0);
        long start = System.nanoTime();
        executions.countFrom(start + warmup.toNanos(), start + warmup.plus(counted).toNanos());
        Worker worker = side == Side.CADENCE
                ? startEngines(pool, clock, cadence, executions, o)
                : startScheduler(pool, clock, steadyTask(executions, clock, o.interval()), o);
        sleepUntil(start + warmup.plus(counted).toNanos());
        worker.stop();
        Counters after = Counters.read(pool, side);
        if (side == Side.CADENCE) {
            checkSteadyJourneys(pool, executions);
        } else {
            checkSteadyTasks(pool, executions);
        }
        executions.failOnDuplicates(side);
        return phase(side, Workload.STEADY, round, executions.counted(), counted.toNanos() / 1e9, executions, before, after);
    }

    private static Phase burst(HikariDataSource pool, Side side, Options o, int round, Statements statements) throws Exception {
        int n = o.burst();
        long[] due = new long[n];
        Arrays.fill(due, epochNanos(T0));
        Cadence cadence = burstCadence();
        if (side == Side.CADENCE) {
            fillJourneys(pool, cadence, n, 0);
        } else {
            fillTasks(pool, "burst", n, 0);
        }
        Executions executions = new Executions(due, n);
        Counters before = Counters.read(pool, side);
        if (statements != null) {
            statements.reset();
        }
        WallClock clock = WallClock.startingAt(T0);
        long start = System.nanoTime();
        executions.countFrom(start, Long.MAX_VALUE);
        Worker worker = side == Side.CADENCE
                ? startEngines(pool, clock, cadence, executions, o)
                : startScheduler(pool, clock, burstTask(executions, clock), o);
        // a phase that makes no progress for a minute has failed: the check below says how
        long lastCount = -1;
        long lastProgress = System.nanoTime();
        while (executions.total() < n && System.nanoTime() - lastProgress < TimeUnit.MINUTES.toNanos(1)) {
            Thread.sleep(20);
            if (executions.total() != lastCount) {
                lastCount = executions.total();
                lastProgress = System.nanoTime();
            }
        }
        double seconds = (executions.lastNanos() - start) / 1e9;
        worker.stop();
        Counters after = Counters.read(pool, side);
        checkBurst(pool, side, executions);
        return phase(side, Workload.BURST, round, executions.counted(), seconds, executions, before, after);
    }

    private static Phase phase(Side side, Workload workload, int round, long counted, double seconds, Executions executions,
                               Counters before, Counters after) {
        double all = Math.max(1, executions.total());
        return new Phase(side, workload, round, counted, seconds, executions.total(), (after.commits - before.commits) / all,
                (after.accesses - before.accesses) / all, (after.writes - before.writes) / all, executions.p99Millis());
    }

    // ------------------------------------------------------------------ the cadence side

    /** {@code steps} SMS steps, each {@code interval} after the previous one was decided. */
    static Cadence steadyCadence(Duration interval, int steps) {
        CadenceBuilder b = Cadence.relationship("bench-steady").maxLateness(Duration.ofDays(1)).horizon(HORIZON_DAYS);
        for (int s = 1; s <= steps; s++) {
            b.step("s" + s).after(interval).sms("bench");
        }
        return b.build();
    }

    /** One SMS a minute after enrolment; then the journey waits for its horizon. */
    static Cadence burstCadence() {
        return Cadence.relationship("bench-burst").maxLateness(Duration.ofDays(1)).horizon(HORIZON_DAYS)
                .step("contact").after(Duration.ofMinutes(1)).sms("bench")
                .build();
    }

    /** Something that runs until told to stop, and is stopped once its work is written back. */
    interface Worker {
        void stop() throws Exception;
    }

    /** {@code threads} engines sharing one store, each calling {@code runDue()} in a loop on its own thread until stopped. */
    private static Worker startEngines(HikariDataSource pool, WallClock clock, Cadence cadence, Executions executions, Options o) {
        AtomicBoolean stop = new AtomicBoolean();
        JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).tablePrefix(PREFIX).build();
        NoOpAdapter adapter = new NoOpAdapter(executions, clock, cadence);
        ExecutorService threads = Executors.newFixedThreadPool(o.threads());
        List<Future<?>> loops = new ArrayList<>();
        for (int t = 0; t < o.threads(); t++) {
            CadenceEngine engine = CadenceEngine.builder().clock(clock).store(store).instanceId("bench-" + t)
                    .channel(Channel.SMS, adapter).cadences(cadence).build();
            loops.add(threads.submit(() -> {
                while (!stop.get()) {
                    if (engine.runDue() == 0) {
                        sleepUntil(System.nanoTime() + o.poll().toNanos(), stop); // nothing due: poll again later, as db-scheduler does
                    }
                }
                return null;
            }));
        }
        return () -> {
            stop.set(true);
            // runDue() returns once it has processed everything due at its start: in the steady state up to
            // the whole backlog, which is not counted (only executions inside the window are)
            for (Future<?> loop : loops) {
                loop.get();
            }
            threads.shutdown();
            if (adapter.ranOut.get()) {
                throw new IllegalStateException("a journey reached the last step of the steady cadence: raise its step count");
            }
        };
    }

    /**
     * The no-op SMS adapter: accepts at once. It knows each journey's due time (the fill's, then the
     * engine's decision time plus the step's wait) to record the lateness of each contact.
     */
    private static final class NoOpAdapter implements ChannelAdapter {
        private final Executions executions;
        private final WallClock clock;
        private final Duration wait;
        private final String lastStep;
        private final AtomicBoolean ranOut = new AtomicBoolean();

        NoOpAdapter(Executions executions, WallClock clock, Cadence cadence) {
            this.executions = executions;
            this.clock = clock;
            this.wait = ((io.cadencerules.cadence.Timing.Wait) cadence.steps().get(0).timing()).after();
            this.lastStep = cadence.steps().get(cadence.steps().size() - 1).id();
        }

        @Override
        public CompletionStage<DispatchResult> dispatch(ContactRequest request) {
            int id = number(request.journeyId().customerId());
            int step = request.stepId().startsWith("s") ? Integer.parseInt(request.stepId(), 1, request.stepId().length(), 10) : 1;
            executions.record(id, step, executions.nextDue(id), clock);
            executions.setNextDue(id, epochNanos(request.requestedAt().plus(wait)));
            if (request.stepId().equals(lastStep) && step > 1) {
                ranOut.set(true);
            }
            return CompletableFuture.completedFuture(DispatchResult.accepted(request.idempotencyKey()));
        }
    }

    /**
     * Enrols one journey through an engine (so the row is what the engine writes), due at T0, and copies
     * it {@code n - 1} times with its customer: copy {@code g} belongs to customer {@code c-g} and, when
     * is due {@code g * spacingMicros} microseconds after T0.
     */
    static void fillJourneys(HikariDataSource pool, Cadence cadence, int n, long spacingMicros) throws SQLException {
        Duration firstWait = ((io.cadencerules.cadence.Timing.Wait) cadence.steps().get(0).timing()).after();
        Instant enrolled = T0.minus(firstWait);
        JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(() -> enrolled).tablePrefix(PREFIX).build();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            String tables = String.join(", ", cadenceTables(c));
            s.execute("TRUNCATE " + tables + " RESTART IDENTITY");
            CadenceEngine.builder().clock(() -> enrolled).store(store).channel(Channel.SMS, request -> {
                throw new IllegalStateException("the fill sends nothing");
            }).build().enroll(Customer.builder("c-0").name("Bench").phone("+5511987654321").zone("America/Sao_Paulo").build(),
                    Debt.of("inv-0", Money.brl("100.00"), LocalDate.of(2026, 4, 1)), cadence);
            s.execute("INSERT INTO " + CUSTOMERS + " (id, payload) SELECT 'c-' || g, jsonb_set(payload, '{id}', to_jsonb('c-' || g))"
                    + " FROM " + CUSTOMERS + ", generate_series(1, " + (n - 1) + ") g");
            String due = "due_at + g * " + spacingMicros + " * interval '1 microsecond'";
            s.execute("INSERT INTO " + JOURNEYS + " (customer_id, subject_key, cadence_id, run, status, live, due_at, version, payload)"
                    + " SELECT 'c-' || g, subject_key, cadence_id, run, status, live, " + due + ", version,"
                    + " jsonb_set(jsonb_set(payload, '{customerId}', to_jsonb('c-' || g)), '{dueAt}',"
                    + " to_jsonb(to_char((" + due + ") AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')))"
                    + " FROM " + JOURNEYS + ", generate_series(1, " + (n - 1) + ") g");
            vacuum(s, tables);
        }
    }

    /** Every journey's contacts match its history, and no contact went out twice. */
    private static void checkSteadyJourneys(HikariDataSource pool, Executions executions) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT customer_id, jsonb_array_length(payload->'history') - 1, lease_owner IS NULL FROM "
                     + JOURNEYS)) {
            int rows = 0;
            while (r.next()) {
                rows++;
                int id = number(r.getString(1));
                if (r.getInt(2) != executions.count(id) || !r.getBoolean(3)) {
                    throw new IllegalStateException("journey of c-" + id + " has " + r.getInt(2) + " contacts in its history"
                            + (r.getBoolean(3) ? "" : " and is still leased") + ", but the adapter saw " + executions.count(id));
                }
            }
            if (rows != executions.size()) {
                throw new IllegalStateException(rows + " journeys in the table, " + executions.size() + " filled");
            }
        }
    }

    // ------------------------------------------------------------------ the db-scheduler side

    /** The no-op recurring work: reschedules itself {@code interval} after it completes. */
    private static Task<Void> steadyTask(Executions executions, WallClock clock, Duration interval) {
        CompletionHandler<Void> reschedule = new CompletionHandler.OnCompleteReschedule<>(FixedDelay.of(interval));
        return Tasks.custom("steady", Void.class).execute((instance, context) -> {
            long due = executionTime(context);
            executions.record(Integer.parseInt(instance.getId()), due, due, clock);
            return reschedule;
        });
    }

    /** The no-op one-time task: removed when done. */
    private static Task<Void> burstTask(Executions executions, WallClock clock) {
        return Tasks.oneTime("burst").execute((instance, context) -> {
            long due = executionTime(context);
            executions.record(Integer.parseInt(instance.getId()), due, due, clock);
        });
    }

    private static long executionTime(ExecutionContext context) {
        return epochNanos(context.getExecution().executionTime);
    }

    /**
     * A db-scheduler with {@code threads} executor threads, lock-and-fetch polling with the given limits,
     * the round's clock, the polling interval {@code --poll-ms} (its default, 10 s, unless told), and its
     * defaults otherwise (heartbeat every 5 minutes, the Java serializer; these tasks carry no data).
     */
    private static Worker startScheduler(HikariDataSource pool, WallClock clock, Task<Void> task, Options o) {
        Scheduler scheduler = Scheduler.create(pool, task)
                .tableName(TASKS)
                .threads(o.threads())
                .pollUsingLockAndFetch(o.lowerLimit(), o.upperLimit())
                .pollingInterval(o.poll())
                .clock(clock::instant)
                .schedulerName(new SchedulerName.Fixed("bench"))
                .build();
        scheduler.start();
        return scheduler::stop;
    }

    /** {@code n} executions of a task without data: instance g due {@code g * spacingMicros} microseconds after T0. */
    static void fillTasks(HikariDataSource pool, String task, int n, long spacingMicros) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE " + TASKS);
            // the columns and values db-scheduler's own insert writes for a new execution (JdbcTaskRepository.createIfNotExists)
            s.execute("INSERT INTO " + TASKS + " (task_name, task_instance, task_data, execution_time, picked, version)"
                    + " SELECT '" + task + "', g::text, NULL, timestamptz '" + T0 + "'"
                    + " + g * " + spacingMicros + " * interval '1 microsecond', false, 1 FROM generate_series(0, " + (n - 1) + ") g");
            vacuum(s, TASKS);
        }
    }

    /** No execution is left picked, none was lost, and every executed one was rescheduled after the due time it ran for. */
    private static void checkSteadyTasks(HikariDataSource pool, Executions executions) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT task_instance, execution_time, picked FROM " + TASKS)) {
            int rows = 0;
            while (r.next()) {
                rows++;
                int id = Integer.parseInt(r.getString(1));
                long next = epochNanos(r.getTimestamp(2).toInstant());
                boolean ok = !r.getBoolean(3) && (executions.count(id) == 0 ? next == executions.firstDue(id)
                        : next > executions.lastDue(id));
                if (!ok) {
                    throw new IllegalStateException("task " + id + " is due at " + r.getTimestamp(2).toInstant()
                            + (r.getBoolean(3) ? ", still picked" : "") + " after " + executions.count(id) + " executions, the last due at "
                            + Instant.ofEpochSecond(0, executions.lastDue(id)));
                }
            }
            if (rows != executions.size()) {
                throw new IllegalStateException(rows + " executions in the table, " + executions.size() + " scheduled");
            }
        }
    }

    // ------------------------------------------------------------------ checks and bookkeeping

    /** Every burst journey or task ran exactly once, and the database has none left to run. */
    private static void checkBurst(HikariDataSource pool, Side side, Executions executions) throws SQLException {
        for (int id = 0; id < executions.size(); id++) {
            if (executions.count(id) != 1) {
                throw new IllegalStateException(side.label + ": burst item " + id + " ran " + executions.count(id) + " times");
            }
        }
        String left = side == Side.CADENCE
                ? "SELECT count(*) FROM " + JOURNEYS + " WHERE status <> 'WAITING' OR due_at <= timestamptz '" + T0
                + "' OR lease_owner IS NOT NULL"
                : "SELECT count(*) FROM " + TASKS;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(left)) {
            r.next();
            if (r.getLong(1) != 0) {
                throw new IllegalStateException(side.label + ": " + r.getLong(1) + " burst items are still due or leased after the burst");
            }
        }
    }

    /**
     * What the handlers (the engine's adapter, db-scheduler's task) saw: executions per journey or task,
     * the occurrence each last ran for, and the lateness of the executions inside the counted window.
     * An occurrence is a step number on the cadence side and a due time on db-scheduler's; a journey or
     * task that runs an occurrence not after the one it last ran has run something twice.
     */
    static final class Executions {
        private final long[] firstDue;
        private final AtomicIntegerArray counts;
        private final AtomicLongArray lastOccurrence;
        private final AtomicLongArray lastDue;
        private final AtomicLongArray nextDue;
        private final int[] latenessMicros;
        private final AtomicInteger recorded = new AtomicInteger();
        private final AtomicLong total = new AtomicLong();
        private final AtomicLong counted = new AtomicLong();
        private final AtomicLong duplicates = new AtomicLong();
        private final AtomicLong lastNanos = new AtomicLong();
        private volatile String firstDuplicate;
        private volatile long from;
        private volatile long to;

        /** For ids {@code 0..firstDue.length-1}, first due at the given epoch nanoseconds; keeps up to {@code capacity} latenesses. */
        Executions(long[] firstDue, int capacity) {
            int n = firstDue.length;
            this.firstDue = firstDue.clone();
            counts = new AtomicIntegerArray(n);
            lastOccurrence = new AtomicLongArray(n);
            for (int i = 0; i < n; i++) {
                lastOccurrence.set(i, Long.MIN_VALUE);
            }
            lastDue = new AtomicLongArray(n);
            nextDue = new AtomicLongArray(firstDue);
            latenessMicros = new int[capacity];
        }

        /** Counts executions (and keeps their lateness) from {@code fromNanos} to {@code toNanos} of {@link System#nanoTime()}. */
        void countFrom(long fromNanos, long toNanos) {
            from = fromNanos;
            to = toNanos;
        }

        /** One execution of {@code id} for {@code occurrence}, due at {@code dueNanos} (epoch nanoseconds). */
        void record(int id, long occurrence, long dueNanos, WallClock clock) {
            long now = System.nanoTime();
            long lateness = clock.nanosSince(Instant.ofEpochSecond(0, dueNanos)) / 1_000;
            counts.incrementAndGet(id);
            total.incrementAndGet();
            lastNanos.accumulateAndGet(now, Math::max);
            lastDue.set(id, dueNanos);
            if (lastOccurrence.getAndSet(id, occurrence) >= occurrence && duplicates.incrementAndGet() == 1) {
                firstDuplicate = "id " + id + " ran occurrence " + occurrence + " again (due " + Instant.ofEpochSecond(0, dueNanos) + ")";
            }
            if (now >= from && now < to) {
                counted.incrementAndGet();
                int slot = recorded.getAndIncrement();
                if (slot < latenessMicros.length) {
                    latenessMicros[slot] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, lateness));
                }
            }
        }

        int size() {
            return counts.length();
        }

        int count(int id) {
            return counts.get(id);
        }

        long firstDue(int id) {
            return firstDue[id];
        }

        /** The due time of the last execution of {@code id}. */
        long lastDue(int id) {
            return lastDue.get(id);
        }

        /** The cadence side's expectation of when {@code id} is due next. */
        long nextDue(int id) {
            return nextDue.get(id);
        }

        void setNextDue(int id, long dueNanos) {
            nextDue.set(id, dueNanos);
        }

        long total() {
            return total.get();
        }

        long counted() {
            return counted.get();
        }

        /** {@link System#nanoTime()} of the latest execution. */
        long lastNanos() {
            return lastNanos.get();
        }

        /** The 99th percentile of the kept latenesses, in milliseconds (NaN if none). */
        double p99Millis() {
            int n = Math.min(recorded.get(), latenessMicros.length);
            if (n == 0) {
                return Double.NaN;
            }
            int[] sorted = Arrays.copyOf(latenessMicros, n);
            Arrays.sort(sorted);
            return sorted[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1000.0;
        }

        void failOnDuplicates(Side side) {
            if (duplicates.get() > 0) {
                throw new IllegalStateException(side.label + ": " + duplicates.get() + " duplicate executions; the first: " + firstDuplicate);
            }
        }
    }

    /** With {@code --statements}: the statements each phase ran most, per execution, from {@code pg_stat_statements}. */
    private static final class Statements {
        private final HikariDataSource pool;

        Statements(HikariDataSource pool) throws SQLException {
            this.pool = pool;
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
        }

        void reset() throws SQLException {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_stat_statements_reset()");
            }
        }

        void print(PrintStream out, Phase phase) throws SQLException {
            double executions = Math.max(1, phase.allExecutions());
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT calls, total_exec_time, rows, query FROM pg_stat_statements"
                         + " WHERE query NOT LIKE '%pg_stat%' ORDER BY total_exec_time DESC LIMIT 8")) {
                while (r.next()) {
                    String query = r.getString(4).replaceAll("\\s+", " ");
                    out.printf(Locale.ROOT, "      %6.3f calls/execution, %7.1f us/call, %6.1f rows/call: %s%n", r.getLong(1) / executions,
                            r.getDouble(2) * 1000 / Math.max(1, r.getLong(1)), r.getLong(3) / (double) Math.max(1, r.getLong(1)),
                            query.length() > 110 ? query.substring(0, 110) + "…" : query);
                }
            }
        }
    }

    /** The server's counters that the report divides by executions. */
    record Counters(long commits, long accesses, long writes) {

        /**
         * Commits in the database, and scans and row writes on the side's tables. The server publishes a
         * backend's counts up to half a second late, so this waits a second first.
         */
        static Counters read(HikariDataSource pool, Side side) throws SQLException, InterruptedException {
            Thread.sleep(1_000);
            long commits = BenchPostgres.commits(pool);
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                List<String> tables = side == Side.CADENCE ? cadenceTables(c) : List.of(TASKS);
                try (ResultSet r = s.executeQuery("SELECT coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0),"
                        + " coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables WHERE relname IN ('"
                        + String.join("', '", tables) + "')")) {
                    r.next();
                    return new Counters(commits, r.getLong(1), r.getLong(2));
                }
            }
        }
    }

    private static void createTables(HikariDataSource pool) throws SQLException {
        JdbcJourneyStore.builder(pool).clock(() -> T0).tablePrefix(PREFIX).build().createSchema();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            // db-scheduler's table for PostgreSQL, as its documentation gives it (the name is ours)
            s.execute("CREATE TABLE " + TASKS + " (task_name text NOT NULL, task_instance text NOT NULL, task_data bytea,"
                    + " execution_time timestamptz NOT NULL, picked boolean NOT NULL, picked_by text, last_success timestamptz,"
                    + " last_failure timestamptz, consecutive_failures int, last_heartbeat timestamptz, version bigint NOT NULL,"
                    + " priority smallint, PRIMARY KEY (task_name, task_instance))");
            s.execute("CREATE INDEX " + TASKS + "_execution_time_idx ON " + TASKS + " (execution_time)");
            s.execute("CREATE INDEX " + TASKS + "_last_heartbeat_idx ON " + TASKS + " (last_heartbeat)");
            s.execute("CREATE INDEX " + TASKS + "_priority_execution_time_idx ON " + TASKS + " (priority DESC, execution_time ASC)");
        }
    }

    /** The store's tables (whatever its schema version has), without its schema version table. */
    private static List<String> cadenceTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE '"
                     + PREFIX + "%' AND tablename NOT IN ('" + TASKS + "', '" + PREFIX + "schema_version') ORDER BY tablename")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        return tables;
    }

    private static void vacuum(Statement s, String tables) throws SQLException {
        s.execute("VACUUM ANALYZE " + tables);
        s.execute("CHECKPOINT"); // the fill's WAL is flushed before the phase, not during it
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        sleepUntil(nanoTime, new AtomicBoolean());
    }

    /** Sleeps until {@code nanoTime} of {@link System#nanoTime()}, or until {@code stop} is set. */
    private static void sleepUntil(long nanoTime, AtomicBoolean stop) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0 && !stop.get()) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** 17 for "c-17". */
    private static int number(String customerId) {
        return Integer.parseInt(customerId, 2, customerId.length(), 10);
    }

    private static String describe(Phase p) {
        return String.format(Locale.ROOT, "%,10.0f executions/s (%,d in %.1f s), %.2f commits, %.2f table accesses and %.2f row writes"
                        + " per execution, p99 lateness %,.0f ms", p.perSecond(), p.executions(), p.seconds(), p.commitsPerExecution(),
                p.tableAccessesPerExecution(), p.rowWritesPerExecution(), p.p99LatenessMillis());
    }

    private static void summarize(List<Phase> phases, Options o, PrintStream out) {
        out.println();
        for (Workload workload : o.workloads()) {
            double[] perSecond = new double[Side.values().length];
            for (Side side : Side.values()) {
                List<Phase> mine = phases.stream().filter(p -> p.side() == side && p.workload() == workload).toList();
                if (mine.isEmpty()) {
                    continue;
                }
                perSecond[side.ordinal()] = BenchPostgres.median(mine.stream().map(Phase::perSecond).toList());
                out.printf(Locale.ROOT, "%-12s %-12s %,10.0f executions/s, %s, %.2f commits/execution, %.2f table accesses/execution,"
                                + " %.2f row writes/execution, p99 lateness %,.0f ms (medians of %d)%n",
                        workload.label + ",", side.label + ":", perSecond[side.ordinal()],
                        workload == Workload.BURST ? String.format(Locale.ROOT, "drained in %.1f s",
                                BenchPostgres.median(mine.stream().map(Phase::seconds).toList())) : "rounds "
                                + mine.stream().map(p -> String.format(Locale.ROOT, "%,.0f", p.perSecond())).toList(),
                        BenchPostgres.median(mine.stream().map(Phase::commitsPerExecution).toList()),
                        BenchPostgres.median(mine.stream().map(Phase::tableAccessesPerExecution).toList()),
                        BenchPostgres.median(mine.stream().map(Phase::rowWritesPerExecution).toList()),
                        BenchPostgres.median(mine.stream().map(Phase::p99LatenessMillis).toList()), mine.size());
            }
            double dbs = perSecond[Side.DB_SCHEDULER.ordinal()];
            if (dbs > 0) {
                out.printf(Locale.ROOT, "%-25s cadence / db-scheduler = %.2fx%n", workload.label + ":",
                        perSecond[Side.CADENCE.ordinal()] / dbs);
            }
        }
    }
}
