package io.cadencerules.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ChannelAdapter;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.engine.CadenceListener;
import io.cadencerules.engine.EventReceipt;
import io.cadencerules.event.Event;
import io.cadencerules.event.PaymentReceived;
import io.cadencerules.event.ReplyReceived;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.testkit.VirtualClock;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7: events for journeys that the other engine is processing right now. Two engines share a
 * portfolio of three-step journeys; when an engine's adapter is offered a contact of a journey picked
 * for a race, it hands the journey to the other engine's event sender and waits until that engine has
 * applied an event to it (a reply, or for some a payment), so the event's write lands between the
 * claim's read and its write, every time. Meanwhile more events (some to both engines at once) go to
 * random journeys. Asserted: no event lost, no transition lost (every write is seen by a listener
 * with a version of its own and the writes, in version order, make up each final history), no key
 * offered twice, and every contact offered is in its journey's history.
 */
class EventsRaceClaimsTest {

    private static final String PREFIX = "race_";
    private static final int JOURNEYS = 2_000;
    private static final int STEPS = 3;
    private static final Duration GAP = Duration.ofMinutes(15);
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    private static MultiInstance.Pools pools;
    private static HikariDataSource loader;
    private static HikariDataSource poolA;
    private static HikariDataSource poolB;

    @BeforeAll
    static void database() {
        pools = MultiInstance.Pools.open("race", PREFIX, START);
        loader = pools.loader();
        poolA = pools.a();
        poolB = pools.b();
    }

    @AfterAll
    static void closePools() {
        pools.close();
    }

    /** A contact being offered, handed to the other engine's sender; {@code done} when its event is applied. */
    private record Race(ContactRequest request, CountDownLatch done) {
    }

    /** One write as a listener saw it: the engine and the entries it added at a version. */
    private record Write(String instance, List<HistoryEntry> entries) {
    }

    @Test
    void events_racing_the_claims_of_the_other_engine_lose_no_event_and_no_transition() throws Exception {
        VirtualClock clock = new VirtualClock(START);
        Cadence cadence = MultiInstance.every("race", STEPS, GAP);
        List<Journey> enrolled = MultiInstance.load(loader, PREFIX, cadence, i -> START.minus(MultiInstance.FIRST), JOURNEYS);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < JOURNEYS; i++) {
            index.put(enrolled.get(i).id().toString(), i);
        }

        // Races: in round r (step r + 1) journeys with (i + r) % 3 == 0; one in twenty of those pays in round 1.
        MultiInstance.Ledger ledger = new MultiInstance.Ledger();
        Set<String> raced = ConcurrentHashMap.newKeySet(); // keys whose first offer started a race
        ConcurrentHashMap<String, Integer> eventJourney = new ConcurrentHashMap<>();
        ConcurrentHashMap<String, ConcurrentLinkedQueue<EventReceipt>> receipts = new ConcurrentHashMap<>();
        Set<Integer> paid = ConcurrentHashMap.newKeySet();
        AtomicLong raceTimeouts = new AtomicLong();
        BlockingQueue<Race> toA = new LinkedBlockingQueue<>();
        BlockingQueue<Race> toB = new LinkedBlockingQueue<>();

        ConcurrentHashMap<JourneyId, ConcurrentSkipListMap<Long, Write>> writes = new ConcurrentHashMap<>();
        List<String> versionClashes = Collections.synchronizedList(new ArrayList<>());
        CadenceEngine a = engine("engine-a", poolA, clock, cadence, racing("engine-a", ledger, toB, raced, index, raceTimeouts),
                listener("engine-a", writes, versionClashes));
        CadenceEngine b = engine("engine-b", poolB, clock, cadence, racing("engine-b", ledger, toA, raced, index, raceTimeouts),
                listener("engine-b", writes, versionClashes));

        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong processedA = new AtomicLong();
        AtomicLong processedB = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        threads.add(MultiInstance.runner("engine-a", a, processedA, stop, failure));
        threads.add(MultiInstance.runner("engine-b", b, processedB, stop, failure));
        threads.add(raceSender("races-to-a", a, toA, clock, paid, eventJourney, receipts, stop, failure));
        threads.add(raceSender("races-to-b", b, toB, clock, paid, eventJourney, receipts, stop, failure));

        long started = System.nanoTime();
        threads.forEach(Thread::start);
        Random random = new Random(11);
        long noise = 0;
        for (int r = 0; r < STEPS; r++) {
            clock.set(START.plus(GAP.multipliedBy(r)));
            Instant now = clock.instant();
            // Random replies while the round is drained, a fifth of them to both engines at once.
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            String due = "SELECT count(*) FROM " + PREFIX + "journeys WHERE live AND due_at <= '" + now + "'";
            while (MultiInstance.count(loader, due) > 0) {
                assertThat(failure.get()).as("a runner or sender thread failed").isNull();
                assertThat(System.nanoTime()).as("round %d drained within %s", r, DEADLINE).isLessThan(deadline);
                for (int k = 0; k < 20; k++) {
                    int i = random.nextInt(JOURNEYS);
                    Event reply = new ReplyReceived("noise-" + (++noise), now, MultiInstance.customerId(i),
                            MultiInstance.debt(i).key(), Channel.SMS, "noise");
                    eventJourney.put(reply.id(), i);
                    if (random.nextInt(5) == 0) {
                        CompletableFuture<EventReceipt> other = CompletableFuture.supplyAsync(() -> b.handle(reply));
                        record(receipts, a.handle(reply));
                        record(receipts, other.join());
                    } else {
                        record(receipts, (random.nextBoolean() ? a : b).handle(reply));
                    }
                }
            }
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(1));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(failure.get()).as("a runner or sender thread failed").isNull();

        // ------------------------------------------------------------------ the figures
        Map<JourneyId, Journey> journeys = MultiInstance.readAll(loader, PREFIX);
        Map<String, List<MultiInstance.Offer>> duplicates = ledger.duplicates();
        System.out.printf(Locale.ROOT, "EventsRaceClaimsTest: %,d journeys x %d steps in %.1f s; %,d races (event applied by the"
                        + " other engine while the claimer's adapter held the contact; %d waited too long), %,d payments among them;"
                        + " %,d events in all; %,d adapter calls, %,d keys offered more than once; runDue processed %,d (a) + %,d (b)%n",
                JOURNEYS, STEPS, seconds, raced.size(), raceTimeouts.get(), paid.size(), eventJourney.size(), ledger.calls(),
                duplicates.size(), processedA.get(), processedB.get());
        duplicates.entrySet().stream().limit(3).forEach(d -> System.out.println("  offered twice: " + d.getKey() + " " + d.getValue()));

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(raced.size()).as("races run").isGreaterThan(JOURNEYS * STEPS / 4);

        // No event lost: each id applied once (other copies duplicates or rejected) and recorded once in its journey.
        Map<String, Integer> recorded = new HashMap<>();
        Map<String, JourneyId> recordedIn = new HashMap<>();
        for (Journey j : journeys.values()) {
            for (String id : MultiInstance.eventIds(j)) {
                recorded.merge(id, 1, Integer::sum);
                recordedIn.put(id, j.id());
            }
        }
        List<String> lostEvents = new ArrayList<>();
        eventJourney.forEach((id, i) -> {
            List<EventReceipt> got = new ArrayList<>(receipts.getOrDefault(id, new ConcurrentLinkedQueue<>()));
            long applied = got.stream().filter(x -> x.outcome() == EventReceipt.Outcome.APPLIED).count();
            boolean endedBefore = got.stream().allMatch(x -> x.outcome() == EventReceipt.Outcome.REJECTED
                    && "journey-ended".equals(x.reason())) && paid.contains(i);
            int times = recorded.getOrDefault(id, 0);
            if (endedBefore ? times != 0 : applied != 1 || times != 1 || !enrolled.get(i).id().equals(recordedIn.get(id))) {
                lostEvents.add(id + ": receipts " + got + ", recorded " + times + " time(s)");
            }
        });
        soft.assertThat(lostEvents).as("events not applied and recorded exactly once (%d of %d)", lostEvents.size(),
                eventJourney.size()).isEmpty();

        // No transition lost: every write has a version of its own, and the writes in version order are the history.
        soft.assertThat(versionClashes).as("versions written twice (%d)", versionClashes.size()).isEmpty();
        List<String> lostTransitions = new ArrayList<>();
        List<String> wrongSteps = new ArrayList<>();
        List<String> unrecorded = new ArrayList<>();
        Map<String, List<String>> offeredByJourney = new HashMap<>();
        ledger.byKey.forEach((key, offers) -> offeredByJourney.computeIfAbsent(offers.peek().journey().toString(),
                k -> new ArrayList<>()).add(key));
        for (int i = 0; i < JOURNEYS; i++) {
            Journey j = journeys.get(enrolled.get(i).id());
            List<HistoryEntry> rebuilt = new ArrayList<>(enrolled.get(i).history());
            long version = 1;
            for (Map.Entry<Long, Write> w : writes.getOrDefault(j.id(), new ConcurrentSkipListMap<>()).entrySet()) {
                if (w.getKey() != version + 1) {
                    lostTransitions.add(j.id() + ": after version " + version + " comes " + w.getKey());
                }
                version = w.getKey();
                rebuilt.addAll(w.getValue().entries());
            }
            if (version != j.version() || !rebuilt.equals(j.history())) {
                lostTransitions.add(j.id() + ": the writes seen end at version " + version + " with " + rebuilt.size()
                        + " entries, the table has version " + j.version() + " with " + j.history().size());
            }
            List<String> sent = MultiInstance.sentKeys(j);
            List<String> all = new ArrayList<>();
            for (int s = 1; s <= STEPS; s++) {
                all.add(MultiInstance.key(j.id(), s));
            }
            boolean right = paid.contains(i) ? j.status() == JourneyStatus.CONVERTED && all.subList(0, sent.size()).equals(sent)
                    : j.status() == JourneyStatus.WAITING && sent.equals(all);
            if (!right) {
                wrongSteps.add(j.id() + " " + j.status() + " sent " + sent);
            }
            List<String> offered = new ArrayList<>(offeredByJourney.getOrDefault(j.id().toString(), List.of()));
            Collections.sort(offered);
            List<String> inHistory = new ArrayList<>(sent);
            Collections.sort(inHistory);
            if (!offered.equals(inHistory)) {
                unrecorded.add(j.id() + " (" + j.status() + "): offered " + offered + ", history records " + inHistory);
            }
        }
        soft.assertThat(lostTransitions).as("journeys whose writes do not add up to their history (%d)", lostTransitions.size())
                .isEmpty();
        soft.assertThat(wrongSteps).as("journeys without exactly their steps (%d)", wrongSteps.size()).isEmpty();
        soft.assertThat(duplicates.keySet()).as("idempotency keys offered more than once (%d)", duplicates.size()).isEmpty();
        soft.assertThat(unrecorded).as("journeys whose history does not record exactly the contacts offered for them (%d)",
                unrecorded.size()).isEmpty();
        soft.assertAll();
    }

    /**
     * The smallest case of the duplicate the big test finds: one engine claims two journeys in one
     * batch, offers the first one's contact, and while it offers the second one's an event for the
     * first reaches the same engine (another thread calls {@code handle}). The batch has not written
     * the first journey back yet; the event must not make the engine offer its contact again.
     */
    @Test
    void an_event_on_the_same_engine_does_not_re_offer_a_contact_its_batch_has_offered() throws Exception {
        String prefix = "race1_";
        JdbcJourneyStore.builder(loader).clock(() -> START).tablePrefix(prefix).build().createSchema();
        TestDatabase.emptyStore(loader, prefix);
        VirtualClock clock = new VirtualClock(START);
        Cadence cadence = MultiInstance.every("race1", 1, GAP);
        List<Journey> enrolled = MultiInstance.load(loader, prefix, cadence, i -> START.minus(MultiInstance.FIRST), 2);
        MultiInstance.Ledger ledger = new MultiInstance.Ledger();
        ChannelAdapter recording = ledger.adapter("engine-a");
        AtomicReference<CadenceEngine> self = new AtomicReference<>();
        List<EventReceipt> receipts = Collections.synchronizedList(new ArrayList<>());
        ChannelAdapter adapter = request -> {
            CompletableFuture<DispatchResult> result = recording.dispatch(request).toCompletableFuture();
            if (request.journeyId().equals(enrolled.get(1).id())) { // the second of the batch: the first is offered, not written
                receipts.add(CompletableFuture.supplyAsync(() -> self.get().handle(new ReplyReceived("reply-0", clock.instant(),
                        MultiInstance.customerId(0), MultiInstance.debt(0).key(), Channel.SMS, "ok"))).orTimeout(30, TimeUnit.SECONDS).join());
            }
            return result;
        };
        CadenceEngine engine = CadenceEngine.builder().clock(clock)
                .store(JdbcJourneyStore.builder(poolA).clock(clock).tablePrefix(prefix).build()).instanceId("engine-a")
                .channel(Channel.SMS, adapter).cadences(cadence).build();
        self.set(engine);

        engine.runDue();

        Journey first = MultiInstance.readAll(loader, prefix).get(enrolled.get(0).id());
        String key = MultiInstance.key(first.id(), 1);
        System.out.println("EventsRaceClaimsTest, one engine: " + key + " offered " + ledger.byKey.get(key).size()
                + " time(s); receipt " + receipts);
        assertThat(receipts).extracting(EventReceipt::outcome).containsExactly(EventReceipt.Outcome.APPLIED);
        assertThat(MultiInstance.eventIds(first)).containsExactly("reply-0");
        assertThat(MultiInstance.sentKeys(first)).containsExactly(key);
        assertThat(ledger.byKey.get(key)).as("offers of %s", key).hasSize(1);
    }

    /**
     * The smallest case of the lost contact the big test finds: an event reaches engine A for a due
     * journey no one holds, so A takes the journey and sends its step from {@code handle}; while the
     * adapter has the contact, engine B applies a full payment to the journey. The contact went out:
     * the converted journey's history must still record it.
     */
    @Test
    void a_contact_sent_from_handle_is_recorded_when_a_payment_on_the_other_engine_wins_the_write() throws Exception {
        String prefix = "race2_";
        JdbcJourneyStore.builder(loader).clock(() -> START).tablePrefix(prefix).build().createSchema();
        TestDatabase.emptyStore(loader, prefix);
        VirtualClock clock = new VirtualClock(START);
        Cadence cadence = MultiInstance.every("race2", 1, GAP);
        List<Journey> enrolled = MultiInstance.load(loader, prefix, cadence, i -> START.minus(MultiInstance.FIRST), 1);
        MultiInstance.Ledger ledger = new MultiInstance.Ledger();
        CadenceEngine b = CadenceEngine.builder().clock(clock)
                .store(JdbcJourneyStore.builder(poolB).clock(clock).tablePrefix(prefix).build()).instanceId("engine-b")
                .channel(Channel.SMS, ledger.adapter("engine-b")).cadences(cadence).build();
        ChannelAdapter recording = ledger.adapter("engine-a");
        List<EventReceipt> receipts = Collections.synchronizedList(new ArrayList<>());
        ChannelAdapter adapter = request -> {
            CompletableFuture<DispatchResult> result = recording.dispatch(request).toCompletableFuture();
            receipts.add(CompletableFuture.supplyAsync(() -> b.handle(new PaymentReceived("pay-0", clock.instant(),
                    MultiInstance.customerId(0), MultiInstance.debt(0).key(), Money.brl("100.00"), true)))
                    .orTimeout(30, TimeUnit.SECONDS).join());
            return result;
        };
        CadenceEngine a = CadenceEngine.builder().clock(clock)
                .store(JdbcJourneyStore.builder(poolA).clock(clock).tablePrefix(prefix).build()).instanceId("engine-a")
                .channel(Channel.SMS, adapter).cadences(cadence).build();

        receipts.add(a.handle(new ReplyReceived("reply-0", clock.instant(), MultiInstance.customerId(0),
                MultiInstance.debt(0).key(), Channel.SMS, "ok")));

        Journey journey = MultiInstance.readAll(loader, prefix).get(enrolled.get(0).id());
        String key = MultiInstance.key(journey.id(), 1);
        System.out.println("EventsRaceClaimsTest, contact from handle: " + ledger.byKey.keySet() + " offered; " + journey.status()
                + " journey's history " + journey.history());
        assertThat(receipts).extracting(EventReceipt::outcome)
                .containsExactly(EventReceipt.Outcome.APPLIED, EventReceipt.Outcome.APPLIED);
        assertThat(ledger.byKey.keySet()).containsExactly(key);
        assertThat(journey.status()).isEqualTo(JourneyStatus.CONVERTED);
        assertThat(MultiInstance.eventIds(journey)).containsExactlyInAnyOrder("reply-0", "pay-0");
        assertThat(MultiInstance.sentKeys(journey)).as("contacts the converted journey's history records").containsExactly(key);
    }

    private static void record(ConcurrentHashMap<String, ConcurrentLinkedQueue<EventReceipt>> receipts, EventReceipt receipt) {
        receipts.computeIfAbsent(receipt.eventId(), k -> new ConcurrentLinkedQueue<>()).add(receipt);
    }

    private static CadenceEngine engine(String id, HikariDataSource pool, VirtualClock clock, Cadence cadence, ChannelAdapter adapter,
                                        CadenceListener listener) {
        JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).tablePrefix(PREFIX).build();
        return CadenceEngine.builder().clock(clock).store(store).instanceId(id)
                .channel(Channel.SMS, adapter).channel(Channel.EMAIL, adapter)
                .listener(listener).cadences(cadence).build();
    }

    /**
     * The engine's adapter: records the offer; on the first offer of a key picked for a race, hands the
     * contact to the other engine's sender and waits (at most 3 s) until its event is applied. (Rarely the
     * harness's own waits meet in a circle, e.g. when two journeys share an engine's lock stripe: the
     * timeout breaks it, and the race is counted as having waited too long.)
     */
    private static ChannelAdapter racing(String instance, MultiInstance.Ledger ledger, BlockingQueue<Race> other, Set<String> raced,
                                         Map<String, Integer> index, AtomicLong timeouts) {
        ChannelAdapter recording = ledger.adapter(instance);
        return request -> {
            CompletableFuture<DispatchResult> result = recording.dispatch(request).toCompletableFuture();
            int i = index.get(request.journeyId().toString());
            int round = Integer.parseInt(request.stepId().substring(1)) - 1;
            // not from a race sender's own handle() (the event path dispatches too): two senders would wait on each other
            boolean fromSender = Thread.currentThread().getName().startsWith("races-");
            if ((i + round) % 3 == 0 && !fromSender && raced.add(request.idempotencyKey())) {
                Race race = new Race(request, new CountDownLatch(1));
                other.add(race);
                try {
                    if (!race.done().await(3, TimeUnit.SECONDS)) {
                        timeouts.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return result;
        };
    }

    /** Applies, on its engine, an event to each journey handed over by the other engine's adapter. */
    private static Thread raceSender(String name, CadenceEngine engine, BlockingQueue<Race> races, VirtualClock clock, Set<Integer> paid,
                                     ConcurrentHashMap<String, Integer> eventJourney,
                                     ConcurrentHashMap<String, ConcurrentLinkedQueue<EventReceipt>> receipts, AtomicBoolean stop,
                                     AtomicReference<Throwable> failure) {
        return new Thread(() -> {
            try {
                while (!stop.get()) {
                    Race race = races.poll(20, TimeUnit.MILLISECONDS);
                    if (race == null) {
                        continue;
                    }
                    try {
                        ContactRequest r = race.request();
                        int i = Integer.parseInt(r.journeyId().customerId().substring(2));
                        Event event;
                        if (r.stepId().equals("s2") && i % 20 == 0) {
                            paid.add(i);
                            event = new PaymentReceived("race-pay-" + i, clock.instant(), r.journeyId().customerId(),
                                    r.journeyId().subjectKey(), Money.brl("100.00"), true);
                        } else {
                            event = new ReplyReceived("race-" + r.idempotencyKey(), clock.instant(), r.journeyId().customerId(),
                                    r.journeyId().subjectKey(), Channel.SMS, "race");
                        }
                        eventJourney.put(event.id(), i);
                        record(receipts, engine.handle(event));
                    } finally {
                        race.done().countDown();
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, name);
    }

    /** Records every write an engine makes (the entries it added, at the journey's new version). */
    private static CadenceListener listener(String instance, ConcurrentHashMap<JourneyId, ConcurrentSkipListMap<Long, Write>> writes,
                                            List<String> clashes) {
        return new CadenceListener() {
            @Override
            public void onEntry(Journey journey, HistoryEntry entry) {
                ConcurrentSkipListMap<Long, Write> byVersion = writes.computeIfAbsent(journey.id(), k -> new ConcurrentSkipListMap<>());
                Write write = byVersion.computeIfAbsent(journey.version(), v -> new Write(instance, new ArrayList<>()));
                synchronized (write) {
                    if (!write.instance().equals(instance)) {
                        clashes.add(journey.id() + " version " + journey.version() + " written by " + write.instance() + " and " + instance);
                    }
                    write.entries().add(entry);
                }
            }
        };
    }
}
