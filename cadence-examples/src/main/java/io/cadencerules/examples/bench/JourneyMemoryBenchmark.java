package io.cadencerules.examples.bench;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ChannelAdapter;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.customer.Debt;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.examples.CollectionCadence;
import io.cadencerules.examples.SyntheticPortfolio;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyKey;
import io.cadencerules.store.CompactJourneyStore;
import io.cadencerules.store.InMemoryJourneyStore;
import io.cadencerules.testkit.VirtualClock;

import javax.management.ObjectName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Retained heap per journey of the in-memory store: enrols N debtors (one customer and one debt
 * each, sharing nothing but the cadence) in {@link CollectionCadence}, runs the virtual clock from
 * D-6 to D+3 so each journey holds five history entries (enrolled, D-5 e-mail, D-1 SMS, D+1 SMS,
 * D+3 voice blast), and measures used heap after full GCs.
 *
 * <p>Not a unit test and not JMH: a rough, repeatable measurement. Run it with a large heap, e.g.
 * <pre>
 *   mvn -B -q -pl cadence-examples dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   java -Xmx6g -cp cadence-examples/target/classes:$(cat cadence-examples/target/cp.txt) \
 *       io.cadencerules.examples.bench.JourneyMemoryBenchmark --journeys 1000000 --histogram 20
 * </pre>
 * Options: {@code --journeys N} (1,000,000), {@code --seed S} (42), {@code --histogram K} prints
 * the top K classes of a live-object class histogram at the end, {@code --pause} waits for Enter
 * before exiting (to run {@code jcmd <pid> GC.class_histogram} by hand), {@code --independent-keys}
 * gives debts keys that share no digits with their customer ids (by default customer
 * {@code c-0000123} owes invoice {@code inv-0000123}), {@code --compact} measures
 * {@link CompactJourneyStore} instead of {@link InMemoryJourneyStore}.
 */
public final class JourneyMemoryBenchmark {

    /** The debts' common due date; day zero of every journey. */
    static final LocalDate DUE = LocalDate.of(2026, 3, 16);
    /** Noon UTC six days before the due date: before every step, in every Brazilian zone. */
    static final Instant START = DUE.minusDays(6).atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
    /** D+3 at 17:00 UTC: after the D+3 09:00 step in every Brazilian zone (Rio Branco is UTC-5). */
    static final Instant END = DUE.plusDays(3).atTime(17, 0).toInstant(java.time.ZoneOffset.UTC);

    private JourneyMemoryBenchmark() {
    }

    /** Runs the benchmark; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        int journeys = 1_000_000;
        long seed = 42;
        int histogram = 0;
        boolean pause = false;
        boolean independentKeys = false;
        boolean compact = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--journeys" -> journeys = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--histogram" -> histogram = Integer.parseInt(args[++i]);
                case "--pause" -> pause = true;
                case "--independent-keys" -> independentKeys = true;
                case "--compact" -> compact = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if (journeys < 1) {
            throw new IllegalArgumentException("journeys must be at least 1, but was " + journeys);
        }
        Cadence cadence = CollectionCadence.collection();
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "JVM %s, max heap %,d MB, %d CPUs%n", System.getProperty("java.vm.version"),
                rt.maxMemory() >> 20, rt.availableProcessors());

        long empty = usedAfterGc();

        long t0 = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        SyntheticPortfolio.Account[] population = new SyntheticPortfolio.Account[journeys];
        for (int i = 0; i < journeys; i++) {
            // due-spread of one day: every debt falls due on DUE
            population[i] = SyntheticPortfolio.account(i, random, DUE, 1);
            if (independentKeys) {
                population[i] = withIndependentDebtKey(population[i], i);
            }
        }
        long populationNanos = System.nanoTime() - t0;
        long withPopulation = usedAfterGc();

        VirtualClock clock = new VirtualClock(START);
        CountingAdapter adapter = new CountingAdapter();
        CadenceEngine.Builder builder = CadenceEngine.builder().clock(clock)
                .store(compact ? new CompactJourneyStore() : new InMemoryJourneyStore()).instanceId("bench");
        for (Channel channel : Channel.values()) {
            builder.channel(channel, adapter);
        }
        CadenceEngine engine = builder.build();

        t0 = System.nanoTime();
        for (SyntheticPortfolio.Account account : population) {
            engine.enroll(account.customer(), account.debt(), cadence);
        }
        long enrolNanos = System.nanoTime() - t0;
        long enrolled = usedAfterGc();

        t0 = System.nanoTime();
        long processed = 0;
        while (clock.instant().isBefore(END)) {
            clock.advance(Duration.ofHours(1));
            processed += engine.runDue();
        }
        long runNanos = System.nanoTime() - t0;
        long ran = usedAfterGc();

        long entries = 0;
        for (SyntheticPortfolio.Account account : population) {
            Journey journey = engine.journey(new JourneyKey(account.customer().id(), account.debt().key(), cadence.id()))
                    .orElseThrow();
            entries += journey.history().size();
        }

        double n = journeys;
        System.out.printf(Locale.ROOT, "store                            %s%n",
                compact ? "CompactJourneyStore" : "InMemoryJourneyStore");
        System.out.printf(Locale.ROOT, "journeys                         %,d%n", journeys);
        System.out.printf(Locale.ROOT, "history entries per journey      %.2f%n", entries / n);
        System.out.printf(Locale.ROOT, "contacts sent                    %,d (%,d due-journey claims)%n", adapter.sent, processed);
        System.out.printf(Locale.ROOT, "build population                 %,d ms%n", populationNanos / 1_000_000);
        System.out.printf(Locale.ROOT, "enrol                            %,d ms (%.1f µs/journey)%n", enrolNanos / 1_000_000,
                enrolNanos / 1e3 / n);
        System.out.printf(Locale.ROOT, "run D-6 -> D+3 (hourly runDue)   %,d ms (%.1f µs/journey)%n", runNanos / 1_000_000,
                runNanos / 1e3 / n);
        System.out.printf(Locale.ROOT, "heap: empty                      %,d MB%n", empty >> 20);
        System.out.printf(Locale.ROOT, "heap: population only            %,d MB%n", withPopulation >> 20);
        System.out.printf(Locale.ROOT, "heap: after enrolment            %,d MB%n", enrolled >> 20);
        System.out.printf(Locale.ROOT, "heap: after D+3                  %,d MB%n", ran >> 20);
        System.out.printf(Locale.ROOT, "bytes per customer + debt        %,.0f%n", (withPopulation - empty) / n);
        System.out.printf(Locale.ROOT, "bytes per journey, enrolled      %,.0f (excl. customer and debt)%n",
                (enrolled - withPopulation) / n);
        System.out.printf(Locale.ROOT, "bytes per journey at D+3 (a)     %,.0f (incl. customer and debt)%n", (ran - empty) / n);
        System.out.printf(Locale.ROOT, "bytes per journey at D+3 (b)     %,.0f (excl. customer and debt)%n",
                (ran - withPopulation) / n);

        if (histogram > 0) {
            System.out.println();
            System.out.println("Top classes by bytes (live objects):");
            String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            text.lines().limit(histogram + 2L).forEach(System.out::println);
        }
        if (pause) {
            System.out.println("pid " + ProcessHandle.current().pid() + ": press Enter to exit");
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                in.readLine();
            } catch (IOException e) {
                // no console: exit
            }
        }
        Reference.reachabilityFence(population);
        Reference.reachabilityFence(engine);
    }

    /**
     * The same account with a debt key that shares no digits with the customer id
     * ({@code inv-<(i+1)·2654435761 mod 2³²>}, a bijection), to compare the store's hash spread.
     */
    private static SyntheticPortfolio.Account withIndependentDebtKey(SyntheticPortfolio.Account account, int i) {
        Debt debt = account.debt();
        String key = "inv-" + (((i + 1) * 2_654_435_761L) & 0xFFFF_FFFFL);
        return new SyntheticPortfolio.Account(account.customer(), new Debt(key, debt.amount(), debt.due(), debt.type()));
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** Accepts every contact with a fresh provider id and counts them; keeps nothing. */
    private static final class CountingAdapter implements ChannelAdapter {
        long sent;

        @Override
        public CompletionStage<DispatchResult> dispatch(ContactRequest request) {
            sent++;
            return CompletableFuture.completedFuture(DispatchResult.accepted("p-" + sent));
        }
    }
}
