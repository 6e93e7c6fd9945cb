package io.cadencerules.engine;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.event.Event;
import io.cadencerules.event.KeyPressed;
import io.cadencerules.event.MessageDelivered;
import io.cadencerules.event.PaymentReceived;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyKey;
import io.cadencerules.testkit.RecordingChannel;
import io.cadencerules.testkit.VirtualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events and two runDue loops (one of them fanning batches out to a pool) race on the same journeys
 * while a driver moves the clock: no idempotency key is dispatched twice, no step is sent twice,
 * and every applied event is in its journey's history exactly once.
 */
class ConcurrencyTest {

    private static final int CUSTOMERS = 300;

    @Test
    void events_and_run_due_racing_never_double_dispatch_or_lose_events() throws Exception {
        VirtualClock clock = new VirtualClock(Fixtures.START);
        Map<Channel, RecordingChannel> channels = new EnumMap<>(Channel.class);
        ExecutorService batchPool = Executors.newFixedThreadPool(2);
        CadenceEngine.Builder builder = CadenceEngine.builder().clock(clock).batchSize(16).executor(batchPool);
        for (Channel channel : Channel.values()) {
            channels.put(channel, new RecordingChannel());
            builder.channel(channel, channels.get(channel));
        }
        CadenceEngine engine = builder.build();
        Cadence cardLate = Fixtures.cardLate();
        Debt debt = Fixtures.debt();
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            Customer c = Fixtures.customer("c" + i, i % 3 == 0 ? Fixtures.MANAUS : Fixtures.SAO_PAULO, "high-balance");
            customers.add(c);
            engine.enroll(c, debt, cardLate);
        }

        AtomicBoolean done = new AtomicBoolean();
        ExecutorService racers = Executors.newFixedThreadPool(3);
        Future<?> driver = racers.submit(() -> {
            for (int hour = 0; hour < 24 * 25; hour++) {
                clock.advance(Duration.ofHours(1));
                engine.runDue();
            }
            done.set(true);
        });
        Future<?> poller = racers.submit(() -> {
            while (!done.get()) {
                engine.runDue();
            }
        });
        Map<String, EventReceipt.Outcome> outcomes = new HashMap<>();
        Future<?> events = racers.submit(() -> {
            SplittableRandom random = new SplittableRandom(7);
            List<Event> sent = new ArrayList<>();
            int n = 0;
            while (!done.get()) {
                String customer = "c" + random.nextInt(CUSTOMERS);
                Event event = switch (random.nextInt(4)) {
                    case 0 -> new KeyPressed("k" + n, clock.instant(), customer, "inv-9", '1');
                    case 1 -> new MessageDelivered("d" + n, clock.instant(), customer, "inv-9", Channel.SMS, null);
                    case 2 -> new PaymentReceived("p" + n, clock.instant(), customer, "inv-9", Money.brl("1.00"),
                            random.nextInt(20) == 0);
                    default -> sent.isEmpty() ? new MessageDelivered("d" + n, clock.instant(), customer, "inv-9", Channel.EMAIL, null)
                            : sent.get(random.nextInt(sent.size())); // a resend of an earlier event id
                };
                n++;
                EventReceipt receipt = engine.handle(event);
                synchronized (outcomes) {
                    outcomes.merge(event.id(), receipt.outcome(), (a, b) -> a == EventReceipt.Outcome.APPLIED ? a : b);
                }
                sent.add(event);
            }
        });
        driver.get(120, TimeUnit.SECONDS);
        poller.get(120, TimeUnit.SECONDS);
        events.get(120, TimeUnit.SECONDS);
        racers.shutdown();
        engine.runDue();
        batchPool.shutdown();

        List<ContactRequest> allSent = new ArrayList<>();
        int duplicates = 0;
        for (RecordingChannel channel : channels.values()) {
            allSent.addAll(channel.sent());
            duplicates += channel.duplicateOffers();
        }
        assertThat(duplicates).as("dispatches repeating an idempotency key (sent: %s)", allSent).isZero();
        assertThat(allSent).extracting(ContactRequest::idempotencyKey).doesNotHaveDuplicates();
        assertThat(allSent.size()).as("contacts sent").isGreaterThan(CUSTOMERS);

        Set<String> eventsInHistories = new HashSet<>();
        for (Customer c : customers) {
            Journey j = engine.journey(new JourneyKey(c.id(), "inv-9", "card-late")).orElseThrow();
            List<String> timedSteps = j.history().stream()
                    .filter(e -> e.kind() == HistoryEntry.Kind.SENT && !e.reason().equals("branch"))
                    .map(HistoryEntry::stepId).toList();
            assertThat(timedSteps).as("steps sent to %s", c.id()).doesNotHaveDuplicates();
            for (HistoryEntry e : j.entries(HistoryEntry.Kind.EVENT)) {
                String id = e.detail().substring(e.detail().lastIndexOf("event ") + 6);
                assertThat(eventsInHistories.add(id)).as("event %s applied twice", id).isTrue();
            }
        }
        Set<String> applied = new HashSet<>();
        outcomes.forEach((id, outcome) -> {
            if (outcome == EventReceipt.Outcome.APPLIED) {
                applied.add(id);
            }
        });
        assertThat(applied).as("applied events").hasSizeGreaterThan(100);
        assertThat(eventsInHistories).as("events recorded in journey histories").isEqualTo(applied);
        AtomicInteger handOffs = new AtomicInteger();
        channels.get(Channel.AGENT).sent().forEach(r -> {
            if (r.queue().equals("negotiation")) {
                handOffs.incrementAndGet();
            }
        });
        assertThat(handOffs.get()).as("hand-offs raced with runDue").isGreaterThan(0);
    }
}
