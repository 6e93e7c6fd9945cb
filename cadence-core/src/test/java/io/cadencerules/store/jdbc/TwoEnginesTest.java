package io.cadencerules.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.engine.EventReceipt;
import io.cadencerules.event.Event;
import io.cadencerules.event.PaymentReceived;
import io.cadencerules.event.ReplyReceived;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.store.jdbc.MultiInstance.Ledger;
import io.cadencerules.store.jdbc.MultiInstance.Offer;
import io.cadencerules.testkit.VirtualClock;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7: two engines (two pools, two stores, two instance ids) share 100,000 journeys on one
 * database, both running {@code runDue()} on their own threads as virtual time moves on, while
 * two more threads send payments and replies (some ids twice, to both engines) for the journeys
 * being claimed. At the end, from the adapters' own records and the database: no idempotency key
 * offered twice, no journey lost, no event lost, and both engines did a real share of the work.
 */
class TwoEnginesTest {

    private static final String PREFIX = "two_";
    private static final int JOURNEYS = Integer.getInteger("cadence.twoEngines.journeys", 100_000);
    /** Contacts per journey: step s1 at enrolment, then one every {@link #GAP}. */
    private static final int STEPS = Integer.getInteger("cadence.twoEngines.steps", 1);
    /** Journeys are enrolled in waves {@link #GAP} apart (journey i in wave i % WAVES), so time moves on in rounds. */
    private static final int WAVES = Integer.getInteger("cadence.twoEngines.waves", 4);
    private static final Duration GAP = Duration.ofMinutes(15);
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    /** Shares of the portfolio that pay (ends the journey) and that reply (twice, in one round or two). */
    private static final double PAYERS = 0.05;
    private static final double REPLIERS = 0.025;
    /** Share of events sent twice, once to each engine, at the same time. */
    private static final double SENT_TWICE = 0.20;
    private static final Duration ROUND_DEADLINE = Duration.ofMinutes(4);

    private static MultiInstance.Pools pools;
    private static HikariDataSource loader;
    private static HikariDataSource poolA;
    private static HikariDataSource poolB;

    @BeforeAll
    static void database() {
        pools = MultiInstance.Pools.open("two", PREFIX, START);
        loader = pools.loader();
        poolA = pools.a();
        poolB = pools.b();
    }

    @AfterAll
    static void closePools() {
        pools.close();
    }

    /** One planned event: the journey, the event, which engines get it (both for a duplicate). */
    private record Planned(int journey, Event event, boolean toA, boolean toB) {
    }

    @Test
    void two_engines_share_a_portfolio_without_duplicate_lost_journey_or_lost_event() throws Exception {
        VirtualClock clock = new VirtualClock(START);
        Cadence cadence = MultiInstance.every("two", STEPS, GAP);
        int roundCount = WAVES + STEPS - 1;

        long loadStart = System.nanoTime();
        List<Journey> enrolled = MultiInstance.load(loader, PREFIX, cadence, i -> roundStart(i % WAVES).minus(MultiInstance.FIRST), JOURNEYS);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        TestDatabase.execute(loader, "ANALYZE " + PREFIX + "journeys", "ANALYZE " + PREFIX + "customers");

        Ledger ledger = new Ledger();
        CadenceEngine a = engine("engine-a", poolA, clock, cadence, ledger);
        CadenceEngine b = engine("engine-b", poolB, clock, cadence, ledger);

        // The plan: who pays in which round, who replies in which rounds, which events go to both engines.
        Random random = new Random(7);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < JOURNEYS; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int payers = (int) (JOURNEYS * PAYERS);
        int repliers = (int) (JOURNEYS * REPLIERS);
        Map<Integer, Integer> paidInRound = new HashMap<>();
        Map<String, Integer> eventJourney = new HashMap<>();
        List<List<Planned>> rounds = new ArrayList<>();
        for (int r = 0; r < roundCount; r++) {
            rounds.add(new ArrayList<>());
        }
        for (int k = 0; k < payers + repliers; k++) {
            int j = order.get(k);
            int wave = j % WAVES;
            if (k < payers) {
                int step = random.nextInt(STEPS); // paid in the round of this step (index from 0)
                paidInRound.put(j, step);
                String id = "pay-" + j;
                eventJourney.put(id, j);
                rounds.get(wave + step).add(plan(random, j, new PaymentReceived(id, roundStart(wave + step),
                        MultiInstance.customerId(j), MultiInstance.debt(j).key(), Money.brl("100.00"), true)));
            } else {
                for (int n = 1; n <= 2; n++) {
                    int round = wave + random.nextInt(STEPS);
                    String id = "reply-" + j + "-" + n;
                    eventJourney.put(id, j);
                    rounds.get(round).add(plan(random, j, new ReplyReceived(id, roundStart(round),
                            MultiInstance.customerId(j), MultiInstance.debt(j).key(), Channel.SMS, "ok " + n)));
                }
            }
        }
        for (List<Planned> round : rounds) {
            Collections.shuffle(round, random);
        }

        // Two engines, each runDue() in a loop on its own thread; two event senders, one per engine.
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong processedA = new AtomicLong();
        AtomicLong processedB = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        threads.add(MultiInstance.runner("engine-a", a, processedA, stop, failure));
        threads.add(MultiInstance.runner("engine-b", b, processedB, stop, failure));
        ConcurrentHashMap<String, ConcurrentLinkedQueue<EventReceipt>> receipts = new ConcurrentHashMap<>();

        long runStart = System.nanoTime();
        threads.forEach(Thread::start);
        long[] roundNanos = new long[roundCount];
        long[] eventNanos = new long[roundCount];
        long[] drainNanos = new long[roundCount];
        long[] dueInRound = new long[roundCount];
        for (int r = 0; r < roundCount; r++) {
            String due = "SELECT count(*) FROM " + PREFIX + "journeys WHERE live AND due_at <= '" + roundStart(r) + "'";
            dueInRound[r] = MultiInstance.count(loader, due); // before the clock moves, the engines cannot take them
            long roundStarted = System.nanoTime();
            clock.set(roundStart(r));
            List<Planned> events = rounds.get(r);
            CyclicBarrier together = new CyclicBarrier(2);
            CountDownLatch sent = new CountDownLatch(2);
            Thread senderA = sender("events-a-" + r, a, events, true, together, receipts, sent, failure);
            Thread senderB = sender("events-b-" + r, b, events, false, together, receipts, sent, failure);
            senderA.start();
            senderB.start();
            // The round is over when both senders are done and no live journey is due any more; the engines'
            // drain time is until the second (the senders may take longer).
            long deadline = roundStarted + ROUND_DEADLINE.toNanos();
            while (true) {
                boolean eventsSent = sent.getCount() == 0;
                if (eventsSent && eventNanos[r] == 0) {
                    eventNanos[r] = System.nanoTime() - roundStarted;
                }
                if (MultiInstance.count(loader, due) == 0) {
                    if (drainNanos[r] == 0) {
                        drainNanos[r] = System.nanoTime() - roundStarted;
                    }
                    if (eventsSent) {
                        break;
                    }
                }
                assertThat(failure.get()).as("a runner or sender thread failed").isNull();
                assertThat(System.nanoTime()).as("round %d done within %s", r, ROUND_DEADLINE).isLessThan(deadline);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            roundNanos[r] = System.nanoTime() - roundStarted;
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(1));
        }
        double runSeconds = (System.nanoTime() - runStart) / 1e9;
        assertThat(failure.get()).as("a runner or sender thread failed").isNull();

        // ------------------------------------------------------------------ the figures
        Map<JourneyId, Journey> journeys = MultiInstance.readAll(loader, PREFIX);
        Map<String, List<Offer>> duplicates = ledger.duplicates();
        long processed = processedA.get() + processedB.get();
        long events = eventJourney.size();
        long sends = rounds.stream().mapToLong(round -> round.stream().filter(p -> p.toA() && p.toB()).count()).sum();
        System.out.printf(Locale.ROOT,
                "TwoEnginesTest: %,d journeys loaded in %.1f s; %d rounds ran in %.1f s: %,d journeys processed by runDue"
                        + " (%,.0f journeys/s; engine-a %,d = %.1f%%, engine-b %,d = %.1f%%), %,d adapter calls (%,.0f/s;"
                        + " engine-a %,d, engine-b %,d), %,d distinct keys, %,d keys offered more than once (%,d extra offers);"
                        + " %,d events (%,d sent to both engines)%n",
                JOURNEYS, loadSeconds, roundCount, runSeconds, processed, processed / runSeconds, processedA.get(),
                100.0 * processedA.get() / Math.max(1, processed), processedB.get(), 100.0 * processedB.get() / Math.max(1, processed),
                ledger.calls(), ledger.calls() / runSeconds, ledger.byInstance.get("engine-a").get(),
                ledger.byInstance.get("engine-b").get(), ledger.byKey.size(), duplicates.size(),
                duplicates.values().stream().mapToLong(o -> o.size() - 1).sum(), events, sends);
        double drained = 0;
        long due = 0;
        for (int r = 0; r < roundCount; r++) {
            drained += drainNanos[r] / 1e9;
            due += dueInRound[r];
        }
        System.out.printf(Locale.ROOT, "  two engines drained %,d due journeys in %.1f s: %,.0f journeys/s while the events raced%n",
                due, drained, due / drained);
        for (int r = 0; r < roundCount; r++) {
            System.out.printf(Locale.ROOT, "  round %d at %s: %,d journeys due drained in %.1f s (%,.0f journeys/s),"
                            + " %,d events sent in %.1f s%n", r, roundStart(r), dueInRound[r], drainNanos[r] / 1e9,
                    dueInRound[r] / (drainNanos[r] / 1e9), rounds.get(r).size(), eventNanos[r] / 1e9);
        }
        duplicates.entrySet().stream().limit(5).forEach(d -> System.out.println("  offered twice: " + d.getKey() + " " + d.getValue()));

        SoftAssertions soft = new SoftAssertions();

        // 1. Every idempotency key offered exactly once.
        soft.assertThat(duplicates.keySet()).as("idempotency keys offered more than once (%d of %d keys)", duplicates.size(),
                ledger.byKey.size()).isEmpty();

        // 2. No journey lost: the counts per status, and each journey got exactly the steps it should have.
        Map<JourneyStatus, Integer> byStatus = new EnumMap<>(JourneyStatus.class);
        journeys.values().forEach(j -> byStatus.merge(j.status(), 1, Integer::sum));
        System.out.println("  journeys by status: " + byStatus);
        soft.assertThat(journeys).as("journeys in the table").hasSize(JOURNEYS);
        soft.assertThat(byStatus).as("journeys by status")
                .isEqualTo(Map.of(JourneyStatus.CONVERTED, payers, JourneyStatus.WAITING, JOURNEYS - payers));
        soft.assertThat(MultiInstance.count(loader, "SELECT count(*) FROM " + PREFIX + "journeys WHERE lease_owner IS NOT NULL"))
                .as("journeys still leased after both engines stopped").isZero();
        Map<String, List<String>> offeredByJourney = new HashMap<>();
        ledger.byKey.forEach((key, offers) -> offeredByJourney.computeIfAbsent(offers.peek().journey().toString(),
                k -> new ArrayList<>()).add(key));
        List<String> wrongSteps = new ArrayList<>();
        List<String> unrecorded = new ArrayList<>();
        for (int i = 0; i < JOURNEYS; i++) {
            Journey j = journeys.get(enrolled.get(i).id());
            if (j == null) {
                wrongSteps.add(enrolled.get(i).id() + " is missing");
                continue;
            }
            List<String> sent = MultiInstance.sentKeys(j);
            List<String> all = new ArrayList<>();
            for (int s = 1; s <= STEPS; s++) {
                all.add(MultiInstance.key(j.id(), s));
            }
            Integer paid = paidInRound.get(i);
            boolean right = paid == null ? sent.equals(all)
                    : sent.equals(all.subList(0, paid)) || sent.equals(all.subList(0, paid + 1));
            if (!right) {
                wrongSteps.add(j.id() + " sent " + sent + (paid == null ? "" : " (paid at step " + (paid + 1) + ")"));
            }
            List<String> offered = new ArrayList<>(offeredByJourney.getOrDefault(j.id().toString(), List.of()));
            Collections.sort(offered);
            List<String> recorded = new ArrayList<>(sent);
            Collections.sort(recorded);
            if (!offered.equals(recorded)) {
                unrecorded.add(j.id() + ": offered " + offered + ", history records " + recorded + " (" + j.status() + ")");
            }
        }
        soft.assertThat(wrongSteps).as("journeys that did not get exactly the steps they should have (%d)", wrongSteps.size())
                .isEmpty();
        soft.assertThat(unrecorded).as("journeys whose history does not record exactly the contacts offered for them (%d)",
                unrecorded.size()).isEmpty();

        // 3. No event lost: every id applied once, recorded once in its journey's history; the second copies are duplicates.
        Map<String, Integer> recordedEvents = new HashMap<>();
        Map<String, JourneyId> recordedIn = new HashMap<>();
        for (Journey j : journeys.values()) {
            for (String id : MultiInstance.eventIds(j)) {
                recordedEvents.merge(id, 1, Integer::sum);
                recordedIn.put(id, j.id());
            }
        }
        List<String> lostOrTwice = new ArrayList<>();
        List<String> badReceipts = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Map.Entry<String, Integer> e : eventJourney.entrySet()) {
            String id = e.getKey();
            JourneyId target = enrolled.get(e.getValue()).id();
            int times = recordedEvents.getOrDefault(id, 0);
            if (times != 1 || !target.equals(recordedIn.get(id))) {
                lostOrTwice.add(id + " recorded " + times + " time(s)" + (times > 0 ? " in " + recordedIn.get(id) : ""));
            }
            List<EventReceipt> got = new ArrayList<>(receipts.getOrDefault(id, new ConcurrentLinkedQueue<>()));
            long applied = got.stream().filter(r -> r.outcome() == EventReceipt.Outcome.APPLIED && r.journeys().equals(List.of(target))).count();
            long duplicate = got.stream().filter(r -> r.outcome() == EventReceipt.Outcome.DUPLICATE).count();
            got.forEach(r -> outcomes.merge(r.outcome() + (r.reason() == null ? "" : " " + r.reason()), 1, Integer::sum));
            if (applied != 1 || applied + duplicate != got.size()) {
                badReceipts.add(id + ": " + got);
            }
        }
        System.out.println("  event receipts: " + outcomes + "; events recorded in histories: "
                + recordedEvents.values().stream().mapToInt(Integer::intValue).sum());
        soft.assertThat(recordedEvents.keySet()).as("event ids in the histories").isEqualTo(eventJourney.keySet());
        soft.assertThat(lostOrTwice).as("events not recorded exactly once in their journey (%d)", lostOrTwice.size()).isEmpty();
        soft.assertThat(badReceipts).as("events whose receipts are not one APPLIED and the rest DUPLICATE (%d)", badReceipts.size())
                .isEmpty();

        // 4. Both engines did a real share.
        soft.assertThat(processedA.get()).as("journeys processed by engine-a of %d", processed).isGreaterThan(processed / 5);
        soft.assertThat(processedB.get()).as("journeys processed by engine-b of %d", processed).isGreaterThan(processed / 5);
        soft.assertAll();
    }

    /** When round {@code r} runs: wave r's enrolment, step r - w + 1 of wave w. */
    private static Instant roundStart(int r) {
        return START.plus(GAP.multipliedBy(r));
    }

    private static Planned plan(Random random, int journey, Event event) {
        if (random.nextDouble() < SENT_TWICE) {
            return new Planned(journey, event, true, true);
        }
        boolean toA = random.nextBoolean();
        return new Planned(journey, event, toA, !toA);
    }

    private static CadenceEngine engine(String id, HikariDataSource pool, VirtualClock clock, Cadence cadence, Ledger ledger) {
        JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).tablePrefix(PREFIX).build();
        return CadenceEngine.builder().clock(clock).store(store).instanceId(id)
                .channel(Channel.SMS, ledger.adapter(id)).channel(Channel.EMAIL, ledger.adapter(id))
                .executor(executor(id)).cadences(cadence).build();
    }

    private static final int WORKERS = Integer.getInteger("cadence.twoEngines.workers", 2);

    private static java.util.concurrent.Executor executor(String id) {
        AtomicLong n = new AtomicLong();
        return java.util.concurrent.Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, id + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Sends the round's events meant for one engine, in the plan's order; the two senders go through
     * the same list side by side, so an event sent to both engines reaches them at about the same time.
     */
    private static Thread sender(String name, CadenceEngine engine, List<Planned> events, boolean isA, CyclicBarrier together,
                                 ConcurrentHashMap<String, ConcurrentLinkedQueue<EventReceipt>> receipts, CountDownLatch sent,
                                 AtomicReference<Throwable> failure) {
        return new Thread(() -> {
            try {
                for (Planned p : events) {
                    boolean both = p.toA() && p.toB();
                    if (both) {
                        together.await(1, TimeUnit.MINUTES);
                    }
                    if (isA ? p.toA() : p.toB()) {
                        EventReceipt receipt = engine.handle(p.event());
                        receipts.computeIfAbsent(p.event().id(), k -> new ConcurrentLinkedQueue<>()).add(receipt);
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                sent.countDown();
            }
        }, name);
    }
}
