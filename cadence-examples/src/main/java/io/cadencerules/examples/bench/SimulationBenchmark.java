package io.cadencerules.examples.bench;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.engine.EventReceipt;
import io.cadencerules.event.PaymentReceived;
import io.cadencerules.examples.CollectionCadence;
import io.cadencerules.examples.SyntheticPortfolio;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyKey;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.store.CompactJourneyStore;
import io.cadencerules.store.InMemoryJourneyStore;
import io.cadencerules.store.JourneyStore;
import io.cadencerules.testkit.VirtualClock;

import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Issue 6: a collection portfolio through the real engine for a month of virtual time, side by side
 * with a baseline of one timer per customer ({@link TimerQueueBaseline}), in one JVM run.
 *
 * <p>Workload (built once, untimed, shared by both sides): N seeded debtors from
 * {@link SyntheticPortfolio} (17 Brazilian zones, 30% high-balance), due dates spread over the
 * first {@value #DUE_SPREAD_DAYS} days after {@link #FIRST_DUE}, so every step of
 * {@link CollectionCadence} (D-5 … D+10) falls within the 30 days; a seeded share of them (default
 * 25%) pays in full at a seeded minute of the period. Both sides start at {@link #START} (midnight
 * in São Paulo), enrol every debtor, then advance a {@link VirtualClock} hour by hour (the default,
 * {@code --clock hourly}) or straight to the side's next due time or payment ({@code --clock jump}):
 * at each instant the payments that have occurred are handed over, then everything due runs.
 *
 * <ul>
 *   <li>Engine: {@link CadenceEngine} with a {@link CountingAdapter} on every channel, no policy or
 *       rules, the store chosen by {@code --store}; payments go through {@code engine.handle}, due
 *       journeys through {@code engine.runDue()}.</li>
 *   <li>Baseline: {@link TimerQueueBaseline}, the same régua by hand, one timer per customer in a
 *       {@code ScheduledThreadPoolExecutor}-style delay queue, the same adapter class.</li>
 * </ul>
 * Both sides must dispatch the same number of contacts on every channel and convert the same
 * customers, or the run fails.
 *
 * <p>Heap per journey: used heap after full GCs (as {@link JourneyMemoryBenchmark}), at the end of
 * the period minus before the side was built, over N. It includes everything the side keeps (for the
 * engine: the store with its journeys, histories, indexes, customer index and seen event ids, plus
 * the engine); it excludes the customer and debt objects, which the application holds anyway. The
 * figure including them is printed as well.
 *
 * <pre>
 *   mvn -B -q -o -pl cadence-examples -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   java -Xmx8g -cp cadence-examples/target/classes:$(cat cadence-examples/target/cp.txt) \
 *       io.cadencerules.examples.bench.SimulationBenchmark --customers 1000000 --rounds 3
 * </pre>
 * Options: {@code --customers N} (1,000,000), {@code --days D} (30), {@code --seed S} (42),
 * {@code --rounds R} measured rounds per side, alternating (3), {@code --warmup N} customers of one
 * untimed warm-up round per side (100,000; 0 for none), {@code --pay-share P} (0.25),
 * {@code --clock hourly|jump}, {@code --store compact|heap} ({@code compact}:
 * {@link CompactJourneyStore}; {@code heap}: {@code new InMemoryJourneyStore()}),
 * {@code --only engine|baseline}, {@code --batch N} the engine's claim batch (its default, 500),
 * {@code --histogram K} (top K classes of the live heap at the end of each side's last round).
 */
public final class SimulationBenchmark {

    /** Midnight in São Paulo on Monday 2 March 2026: enrolment, and the start of the clock. */
    static final Instant START = Instant.parse("2026-03-02T03:00:00Z");
    /** The earliest due date: its D-5 step is the first day of the period. */
    static final LocalDate FIRST_DUE = LocalDate.of(2026, 3, 7);
    /** Due dates fall on {@value} consecutive days from {@link #FIRST_DUE}. */
    static final int DUE_SPREAD_DAYS = 14;
    /** The engine's default zone (customers all have one). */
    static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Sao_Paulo");

    private SimulationBenchmark() {
    }

    /** The options. */
    record Options(int customers, int days, long seed, int rounds, int warmup, double payShare, boolean jump,
                   String store, String only, int histogram, int batch) {
        Options {
            if (customers < 1) {
                throw new IllegalArgumentException("customers must be at least 1, but was " + customers);
            }
            if (days < 1 || days > 365) {
                throw new IllegalArgumentException("days must be between 1 and 365, but was " + days);
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be at least 1, but was " + rounds);
            }
            if (warmup < 0) {
                throw new IllegalArgumentException("warm-up customers must not be negative, but was " + warmup);
            }
            if (payShare < 0 || payShare > 1) {
                throw new IllegalArgumentException("pay share must be between 0 and 1, but was " + payShare);
            }
            if (batch < 0) {
                throw new IllegalArgumentException("batch must not be negative (0: the engine's default), but was " + batch);
            }
            if (!store.equals("compact") && !store.equals("heap")) {
                throw new IllegalArgumentException("store must be 'compact' or 'heap', but was '" + store + "'");
            }
            if (only != null && !only.equals("engine") && !only.equals("baseline")) {
                throw new IllegalArgumentException("only must be 'engine' or 'baseline', but was '" + only + "'");
            }
        }

        static Options parse(String[] args) {
            int customers = 1_000_000;
            int days = 30;
            long seed = 42;
            int rounds = 3;
            int warmup = 100_000;
            double payShare = 0.25;
            String clock = "hourly";
            String store = "compact";
            String only = null;
            int histogram = 0;
            int batch = 0;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--customers" -> customers = Integer.parseInt(args[++i]);
                    case "--days" -> days = Integer.parseInt(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--pay-share" -> payShare = Double.parseDouble(args[++i]);
                    case "--clock" -> clock = args[++i];
                    case "--store" -> store = args[++i];
                    case "--only" -> only = args[++i];
                    case "--histogram" -> histogram = Integer.parseInt(args[++i]);
                    case "--batch" -> batch = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            if (!clock.equals("hourly") && !clock.equals("jump")) {
                throw new IllegalArgumentException("clock must be 'hourly' or 'jump', but was '" + clock + "'");
            }
            return new Options(customers, days, seed, rounds, warmup, payShare, clock.equals("jump"), store, only,
                    histogram, batch);
        }
    }

    /** The seeded workload both sides run: debtors, and payments sorted by time. */
    record Workload(SyntheticPortfolio.Account[] accounts, long[] payAtSecond, int[] payer) {

        static Workload build(int customers, int days, long seed, double payShare) {
            SplittableRandom root = new SplittableRandom(seed);
            SyntheticPortfolio.Account[] accounts = new SyntheticPortfolio.Account[customers];
            long[] packed = new long[customers];
            int payers = 0;
            int minutes = days * 24 * 60;
            for (int i = 0; i < customers; i++) {
                SplittableRandom random = root.split();
                accounts[i] = SyntheticPortfolio.account(i, random, FIRST_DUE, DUE_SPREAD_DAYS);
                if (random.nextDouble() < payShare) {
                    long minute = random.nextInt(minutes);
                    packed[payers++] = minute << 32 | i; // sorts by minute, then customer
                }
            }
            long[] sorted = Arrays.copyOf(packed, payers);
            Arrays.sort(sorted);
            long[] at = new long[payers];
            int[] who = new int[payers];
            for (int k = 0; k < payers; k++) {
                at[k] = START.getEpochSecond() + (sorted[k] >>> 32) * 60;
                who[k] = (int) sorted[k];
            }
            return new Workload(accounts, at, who);
        }

        PaymentReceived payment(int k) {
            SyntheticPortfolio.Account a = accounts[payer[k]];
            return new PaymentReceived("pay-" + payer[k], Instant.ofEpochSecond(payAtSecond[k]), a.customer().id(),
                    a.debt().key(), a.debt().amount(), true);
        }
    }

    /** One side of the comparison, driven by the shared loop. */
    interface Side {
        void enrol(SyntheticPortfolio.Account account);

        void pay(PaymentReceived payment);

        long runDue();

        /** The side's next due time, or null. */
        Instant nextDue();

        CountingAdapter adapter();

        /** Customers converted by a payment. */
        long converted();

        /** History entries (records) kept over all customers. */
        long historyEntries();
    }

    /** The library: the real engine. */
    static final class EngineSide implements Side {
        private final CountingAdapter adapter = new CountingAdapter();
        private final CadenceEngine engine;
        private final Cadence cadence;
        private final SyntheticPortfolio.Account[] accounts;
        private long notApplied;

        EngineSide(VirtualClock clock, Cadence cadence, JourneyStore store, SyntheticPortfolio.Account[] accounts, int batch) {
            CadenceEngine.Builder builder = CadenceEngine.builder().clock(clock).store(store).instanceId("bench")
                    .defaultZone(DEFAULT_ZONE);
            if (batch > 0) {
                builder.batchSize(batch);
            }
            for (Channel channel : Channel.values()) {
                builder.channel(channel, adapter);
            }
            this.engine = builder.build();
            this.cadence = cadence;
            this.accounts = accounts;
        }

        @Override
        public void enrol(SyntheticPortfolio.Account account) {
            engine.enroll(account.customer(), account.debt(), cadence);
        }

        @Override
        public void pay(PaymentReceived payment) {
            if (engine.handle(payment).outcome() != EventReceipt.Outcome.APPLIED) {
                notApplied++;
            }
        }

        @Override
        public long runDue() {
            return engine.runDue();
        }

        @Override
        public Instant nextDue() {
            return engine.store().nextDue().orElse(null);
        }

        @Override
        public CountingAdapter adapter() {
            return adapter;
        }

        @Override
        public long converted() {
            long n = 0;
            for (SyntheticPortfolio.Account a : accounts) {
                if (journey(a).status() == JourneyStatus.CONVERTED) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public long historyEntries() {
            long n = 0;
            for (SyntheticPortfolio.Account a : accounts) {
                n += journey(a).history().size();
            }
            return n;
        }

        private Journey journey(SyntheticPortfolio.Account a) {
            return engine.journey(new JourneyKey(a.customer().id(), a.debt().key(), cadence.id())).orElseThrow();
        }
    }

    /** The baseline: one timer per customer. */
    static final class BaselineSide implements Side {
        private final CountingAdapter adapter = new CountingAdapter();
        private final VirtualClock clock;
        private final TimerQueueBaseline baseline;

        BaselineSide(VirtualClock clock, Cadence cadence) {
            this.clock = clock;
            this.baseline = new TimerQueueBaseline(cadence, adapter, DEFAULT_ZONE);
        }

        @Override
        public void enrol(SyntheticPortfolio.Account account) {
            baseline.enrol(account.customer(), account.debt(), clock.instant());
        }

        @Override
        public void pay(PaymentReceived payment) {
            baseline.pay(payment, clock.instant());
        }

        @Override
        public long runDue() {
            return baseline.runDue(clock.instant());
        }

        @Override
        public Instant nextDue() {
            return baseline.nextDue();
        }

        @Override
        public CountingAdapter adapter() {
            return adapter;
        }

        @Override
        public long converted() {
            return baseline.converted();
        }

        @Override
        public long historyEntries() {
            return baseline.historyRecords();
        }
    }

    /** What one round of one side measured. */
    record Round(String side, long enrolNanos, long runNanos, long fired, long clockSteps, long contacts,
                 long[] perChannel, long converted, long historyEntries, long heapEnrolled, long heapEnd) {
        long totalNanos() {
            return enrolNanos + runNanos;
        }
    }

    /** Runs one round of one side over the workload. */
    static Round round(String name, Workload w, Options o, Cadence cadence, boolean measureHeap, int histogram)
            throws Exception {
        long base = measureHeap ? usedAfterGc() : 0;
        VirtualClock clock = new VirtualClock(START);
        Side side = name.equals("engine")
                ? new EngineSide(clock, cadence, o.store().equals("compact") ? new CompactJourneyStore()
                        : new InMemoryJourneyStore(), w.accounts(), o.batch())
                : new BaselineSide(clock, cadence);

        long t0 = System.nanoTime();
        for (SyntheticPortfolio.Account account : w.accounts()) {
            side.enrol(account);
        }
        long enrolNanos = System.nanoTime() - t0;
        long heapEnrolled = measureHeap ? usedAfterGc() - base : 0;

        Instant end = START.plus(Duration.ofDays(o.days()));
        long fired = 0;
        long steps = 0;
        int p = 0;
        int payments = w.payer().length;
        t0 = System.nanoTime();
        while (true) {
            Instant now = clock.instant();
            long nowSecond = now.getEpochSecond();
            while (p < payments && w.payAtSecond()[p] <= nowSecond) {
                side.pay(w.payment(p++));
            }
            fired += side.runDue();
            steps++;
            if (!now.isBefore(end)) {
                break;
            }
            Instant next;
            if (o.jump()) {
                next = end;
                Instant due = side.nextDue();
                if (due != null && due.isBefore(next)) {
                    next = due;
                }
                if (p < payments && w.payAtSecond()[p] < next.getEpochSecond()) {
                    next = Instant.ofEpochSecond(w.payAtSecond()[p]);
                }
                if (!next.isAfter(now)) {
                    throw new IllegalStateException(name + ": next instant " + next + " is not after " + now);
                }
            } else {
                next = now.plus(Duration.ofHours(1));
            }
            clock.set(next.isAfter(end) ? end : next);
        }
        long runNanos = System.nanoTime() - t0;
        long heapEnd = measureHeap ? usedAfterGc() - base : 0;
        if (histogram > 0) {
            System.out.println("top classes by bytes (live objects) at the end of this " + name + " round:");
            System.out.println(histogram(histogram));
        }

        long[] perChannel = new long[Channel.values().length];
        for (Channel c : Channel.values()) {
            perChannel[c.ordinal()] = side.adapter().sent(c);
        }
        Round r = new Round(name, enrolNanos, runNanos, fired, steps, side.adapter().sent(), perChannel, side.converted(),
                side.historyEntries(), heapEnrolled, heapEnd);
        Reference.reachabilityFence(side);
        return r;
    }

    /** Runs the benchmark; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "JVM %s, max heap %,d MB, %d CPUs, load average at start: %s%n",
                System.getProperty("java.vm.version"), rt.maxMemory() >> 20, rt.availableProcessors(), loadAverage());
        System.out.printf(Locale.ROOT, "%,d customers x %d virtual days, seed %d, pay share %.2f, clock %s, engine store %s, "
                        + "claim batch %s, %d round(s) per side + warm-up of %,d customers%n", o.customers(), o.days(), o.seed(),
                o.payShare(), o.jump() ? "jump to next due/payment" : "hourly", o.store(),
                o.batch() == 0 ? "default" : String.valueOf(o.batch()), o.rounds(), o.warmup());
        Cadence cadence = CollectionCadence.collection();
        List<String> sides = o.only() == null ? List.of("engine", "baseline") : List.of(o.only());

        if (o.warmup() > 0) {
            Workload warm = Workload.build(Math.min(o.warmup(), o.customers()), o.days(), o.seed() + 1, o.payShare());
            for (String side : sides) {
                Round r = round(side, warm, o, cadence, false, 0);
                System.out.printf(Locale.ROOT, "warm-up %-8s %,d customers: %,d ms%n", side, warm.accounts().length,
                        r.totalNanos() / 1_000_000);
            }
        }

        long empty = usedAfterGc();
        long t0 = System.nanoTime();
        Workload w = Workload.build(o.customers(), o.days(), o.seed(), o.payShare());
        long buildMillis = (System.nanoTime() - t0) / 1_000_000;
        long population = usedAfterGc() - empty;
        System.out.printf(Locale.ROOT, "workload: %,d debtors, %,d payments, built in %,d ms (untimed); customers + debts + "
                + "workload arrays %,.0f bytes each%n%n", w.accounts().length, w.payer().length, buildMillis,
                population / (double) o.customers());

        List<Round> rounds = new ArrayList<>();
        for (int k = 0; k < o.rounds(); k++) {
            for (String side : sides) {
                Round r = round(side, w, o, cadence, true, k == o.rounds() - 1 ? o.histogram() : 0);
                rounds.add(r);
                print(k + 1, r, o.customers(), population);
            }
        }
        if (sides.size() == 2) {
            check(rounds);
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "medians over %d round(s), %,d customers x %d days:%n", o.rounds(), o.customers(), o.days());
        System.out.printf(Locale.ROOT, "%-9s %10s %10s %10s %12s %14s %12s %12s%n", "side", "enrol ms", "run ms", "total ms",
                "journeys/s", "firings/s", "B/journey", "B incl c+d");
        double[] engineMedians = null;
        double[] baselineMedians = null;
        for (String side : sides) {
            double[] m = medians(rounds, side);
            double n = o.customers();
            System.out.printf(Locale.ROOT, "%-9s %,10.0f %,10.0f %,10.0f %,12.0f %,14.0f %,12.0f %,12.0f%n", side, m[0] / 1e6,
                    m[1] / 1e6, m[2] / 1e6, n / (m[2] / 1e9), m[4] / (m[1] / 1e9), m[3] / n, (m[3] + population) / n);
            if (side.equals("engine")) {
                engineMedians = m;
            } else {
                baselineMedians = m;
            }
        }
        if (engineMedians != null) {
            double perJourney = engineMedians[3] / o.customers();
            double seconds = engineMedians[2] / 1e9;
            System.out.printf(Locale.ROOT, "target: engine total <= 60 s: %.1f s -> %s%n", seconds, seconds <= 60 ? "met" : "NOT met");
            System.out.printf(Locale.ROOT, "target: <= 300 B heap per journey (excl. customer and debt): %.0f B -> %s%n",
                    perJourney, perJourney <= 300 ? "met" : "NOT met");
        }
        if (engineMedians != null && baselineMedians != null) {
            double ratio = baselineMedians[2] / engineMedians[2];
            System.out.printf(Locale.ROOT, "ratio baseline/engine wall time: enrol %.2fx, run %.2fx, total %.2fx -> target >= 5x %s%n",
                    baselineMedians[0] / engineMedians[0], baselineMedians[1] / engineMedians[1], ratio,
                    ratio >= 5 ? "met" : "NOT met");
            System.out.printf(Locale.ROOT, "heap per journey engine/baseline: %.2f%n", engineMedians[3] / baselineMedians[3]);
        }
        System.out.printf(Locale.ROOT, "load average at end: %s%n", loadAverage());
        Reference.reachabilityFence(w);
    }

    private static void print(int round, Round r, int customers, long population) {
        double n = customers;
        System.out.printf(Locale.ROOT, "round %d %-8s enrol %,7d ms  run %,7d ms  total %,7d ms  %,9.0f journeys/s  "
                        + "%,d firings in %,d clock steps  %,d contacts  %,d converted  %.2f entries/journey  "
                        + "heap %,.0f B/journey enrolled, %,.0f at the end (%,.0f incl. customer+debt)%n",
                round, r.side(), r.enrolNanos() / 1_000_000, r.runNanos() / 1_000_000, r.totalNanos() / 1_000_000,
                n / (r.totalNanos() / 1e9), r.fired(), r.clockSteps(), r.contacts(), r.converted(), r.historyEntries() / n,
                r.heapEnrolled() / n, r.heapEnd() / n, (r.heapEnd() + population) / n);
    }

    /** Fails unless every engine round and every baseline round dispatched the same contacts per channel. */
    private static void check(List<Round> rounds) {
        Round first = rounds.get(0);
        for (Round r : rounds) {
            if (!Arrays.equals(r.perChannel(), first.perChannel()) || r.converted() != first.converted()) {
                throw new IllegalStateException("the sides disagree: " + first.side() + " sent " + Arrays.toString(first.perChannel())
                        + " per channel and converted " + first.converted() + ", " + r.side() + " sent "
                        + Arrays.toString(r.perChannel()) + " and converted " + r.converted());
            }
        }
        StringBuilder s = new StringBuilder();
        for (Channel c : Channel.values()) {
            if (first.perChannel()[c.ordinal()] > 0) {
                s.append(String.format(Locale.ROOT, " %s %,d", c, first.perChannel()[c.ordinal()]));
            }
        }
        System.out.printf(Locale.ROOT, "check: both sides dispatched %,d contacts (%s) and converted %,d customers in every round%n",
                first.contacts(), s.toString().strip(), first.converted());
    }

    /** {enrol, run, total, heap at end, fired} medians of a side's rounds. */
    private static double[] medians(List<Round> rounds, String side) {
        List<Round> mine = rounds.stream().filter(r -> r.side().equals(side)).toList();
        return new double[] {
                median(mine.stream().mapToDouble(Round::enrolNanos).toArray()),
                median(mine.stream().mapToDouble(Round::runNanos).toArray()),
                median(mine.stream().mapToDouble(Round::totalNanos).toArray()),
                median(mine.stream().mapToDouble(Round::heapEnd).toArray()),
                median(mine.stream().mapToDouble(Round::fired).toArray())};
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static String histogram(int top) throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        return String.join("\n", text.lines().limit(top + 2L).toList());
    }
}
