package io.cadencerules.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ChannelAdapter;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.store.DispatchIntent;
import io.cadencerules.store.PriorDispatch;
import io.cadencerules.store.WriteBack;
import io.cadencerules.testkit.TestEvents;
import io.cadencerules.testkit.VirtualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dispatch outbox: a contact is begun in the database before its adapter is called and
 * answered after, so that neither an event's write nor an instance's death makes the engine offer a
 * contact twice without cause, and a contact left in doubt is offered again with the same key.
 */
class OutboxInTheEngineTest {

    private static final String PREFIX = "outbox_";
    private static final int CUSTOMERS = 20;
    /** The first step of the card-late régua (e-mail at D-3, 10:00 in São Paulo). */
    private static final Instant FIRST_STEP = LocalDateTime.of(2026, 3, 7, 10, 0).atZone(Fixtures.SAO_PAULO).toInstant();

    private static HikariDataSource pool;

    private final VirtualClock clock = new VirtualClock(Fixtures.START);
    private final TestEvents events = new TestEvents(clock);
    private final Cadence cardLate = Fixtures.cardLate();
    private JdbcJourneyStore store;

    @BeforeAll
    static void database() {
        pool = TestDatabase.pool("outbox", 4);
        JdbcJourneyStore.builder(pool).clock(() -> Fixtures.START).tablePrefix(PREFIX).build().createSchema();
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void emptyTables() {
        TestDatabase.emptyStore(pool, PREFIX);
        store = JdbcJourneyStore.builder(pool).clock(clock).tablePrefix(PREFIX).build();
    }

    @Test
    void an_event_written_while_a_batch_is_in_flight_costs_the_batch_its_write_but_not_a_second_offer() {
        Offers offers = new Offers();
        CadenceEngine engine = engine("a", offers);
        enrolAll(engine);
        String target = "c-3";
        offers.onOffer = request -> {
            if (request.customer().id().equals(target) && offers.count(request.idempotencyKey()) == 1) {
                // an event for the same journey, handled while its batch is still in flight: its write lands first
                engine.handle(events.clicked(target, "inv-" + target, "https://pague.example/boleto"));
            }
        };
        clock.set(FIRST_STEP);

        assertThat(engine.runDue()).isEqualTo(CUSTOMERS);

        assertThat(offers.byKey).hasSize(CUSTOMERS).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
        Journey journey = journeyOf(engine, target);
        assertThat(journey.history()).extracting(HistoryEntry::kind).contains(Kind.EVENT);
        assertThat(sentSteps(journey)).containsExactly("d-3-email");
        assertThat(journey.dueAt()).as("on to the next step").isAfter(FIRST_STEP);
        for (int i = 0; i < CUSTOMERS; i++) {
            assertThat(sentSteps(journeyOf(engine, "c-" + i))).as("c-" + i).containsExactly("d-3-email");
        }
    }

    /**
     * A journey another instance changed after the claim is not worked from its claimed copy: the
     * engine reads the batch's versions again when its last check is older than the recheck interval.
     */
    @Test
    void a_payment_on_another_instance_while_the_batch_is_worked_stops_that_journeys_contact() {
        Offers offers = new Offers();
        CadenceEngine engine = engine("a", offers);
        CadenceEngine other = engine("b", new Offers());
        enrolAll(engine);
        List<io.cadencerules.engine.EventReceipt> receipts = new ArrayList<>();
        offers.onOffer = request -> {
            if (request.customer().id().equals("c-0")) {
                // the batch's first contact takes a second; meanwhile the other instance records a payment for c-5
                clock.advance(Duration.ofSeconds(1));
                receipts.add(other.handle(events.paid("c-5", "inv-c-5", Money.brl("500.00"))));
            }
        };
        clock.set(FIRST_STEP);

        assertThat(engine.runDue()).isEqualTo(CUSTOMERS);

        assertThat(receipts).extracting(io.cadencerules.engine.EventReceipt::outcome)
                .containsExactly(io.cadencerules.engine.EventReceipt.Outcome.APPLIED);
        Journey paid = journeyOf(engine, "c-5");
        assertThat(paid.status()).isEqualTo(io.cadencerules.journey.JourneyStatus.CONVERTED);
        assertThat(sentSteps(paid)).as("contacts after the payment").isEmpty();
        assertThat(offers.byKey).as("one offer for each journey but the paid one").hasSize(CUSTOMERS - 1);
        for (int i = 0; i < CUSTOMERS; i++) {
            if (i != 5) {
                assertThat(sentSteps(journeyOf(engine, "c-" + i))).as("c-" + i).containsExactly("d-3-email");
            }
        }
    }

    @Test
    void a_batch_whose_instance_died_is_taken_over_after_the_lease_and_its_contacts_offered_again_with_the_same_keys() {
        Offers first = new Offers();
        CadenceEngine dying = engine("dying", first);
        enrolAll(dying);
        first.onOffer = request -> {
            if (first.byKey.size() == 7) {
                throw new InstanceDeath(); // after the 7th contact reached the adapter, before any write-back
            }
        };
        clock.set(FIRST_STEP);
        assertThatThrownBy(dying::runDue).isInstanceOf(InstanceDeath.class);
        assertThat(store.dispatchesInDoubt(clock.instant().plusSeconds(1), 100)).hasSize(CUSTOMERS);

        Offers second = new Offers();
        CadenceEngine survivor = engine("survivor", second);
        clock.set(FIRST_STEP.plusSeconds(5));
        assertThat(survivor.runDue()).as("the dead instance's leases still hold").isZero();
        clock.set(FIRST_STEP.plusSeconds(11));
        assertThat(survivor.runDue()).isEqualTo(CUSTOMERS);

        assertThat(second.byKey.keySet()).as("every contact offered again, with the same key").containsAll(first.byKey.keySet())
                .hasSize(CUSTOMERS);
        assertThat(second.byKey).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
        for (int i = 0; i < CUSTOMERS; i++) {
            assertThat(sentSteps(journeyOf(survivor, "c-" + i))).as("c-" + i).containsExactly("d-3-email");
        }
        assertThat(store.dispatchesInDoubt(clock.instant().plusSeconds(1), 100)).isEmpty();
    }

    @Test
    void leases_are_renewed_while_a_slow_batch_is_worked_on_so_no_other_instance_takes_its_journeys() {
        Offers slowOffers = new Offers();
        CadenceEngine slow = engine("slow", slowOffers);
        Offers otherOffers = new Offers();
        CadenceEngine other = engine("other", otherOffers);
        enrolAll(slow);
        List<Integer> takenByTheOther = new ArrayList<>();
        slowOffers.onOffer = request -> {
            clock.advance(Duration.ofSeconds(3)); // each contact takes 3 s: the batch takes 60 s, the lease is 10 s
            takenByTheOther.add(other.runDue());
        };
        clock.set(FIRST_STEP);

        assertThat(slow.runDue()).isEqualTo(CUSTOMERS);

        assertThat(takenByTheOther).hasSize(CUSTOMERS).containsOnly(0);
        assertThat(otherOffers.byKey).isEmpty();
        assertThat(slowOffers.byKey).hasSize(CUSTOMERS).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
    }

    @Test
    void a_batch_of_slow_contacts_writes_back_the_journeys_it_finished_every_second() {
        Offers offers = new Offers();
        CadenceEngine engine = engine("a", offers);
        enrolAll(engine);
        Map<String, List<String>> storedAtTheLastOffer = new ConcurrentHashMap<>();
        offers.onOffer = request -> {
            clock.advance(Duration.ofMillis(400)); // 20 contacts of 0.4 s: an 8 s batch
            if (request.customer().id().equals("c-" + (CUSTOMERS - 1))) {
                for (int i = 0; i < CUSTOMERS; i++) {
                    storedAtTheLastOffer.put("c-" + i, sentSteps(store.find(journeyOf(engine, "c-" + i).id()).orElseThrow()));
                }
            }
        };
        clock.set(FIRST_STEP);

        assertThat(engine.runDue()).isEqualTo(CUSTOMERS);

        // c-0 to c-3 finished by 1.6 s (c-0 at 0.4 s, a second before), written back then; and so on every second
        assertThat(storedAtTheLastOffer.get("c-0")).as("the first journey, while the batch went on").containsExactly("d-3-email");
        assertThat(storedAtTheLastOffer.get("c-15")).containsExactly("d-3-email");
        assertThat(storedAtTheLastOffer.get("c-" + (CUSTOMERS - 2))).as("finished less than a second before").isEmpty();
        assertThat(storedAtTheLastOffer.get("c-" + (CUSTOMERS - 1))).as("still at its contact").isEmpty();
        for (int i = 0; i < CUSTOMERS; i++) {
            assertThat(sentSteps(journeyOf(engine, "c-" + i))).as("c-" + i).containsExactly("d-3-email");
        }
        assertThat(offers.byKey).hasSize(CUSTOMERS).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
        assertThat(store.dispatchesInDoubt(clock.instant().plusSeconds(60), 100)).isEmpty();
    }

    @Test
    void the_outbox_answers_what_it_knows_of_each_key() {
        JourneyId journey = new JourneyId("c-1", "inv-1", "card-late", 1);
        DispatchIntent fresh = new DispatchIntent("k-fresh", journey, Channel.SMS);
        DispatchIntent sent = new DispatchIntent("k-sent", journey, Channel.SMS);
        DispatchIntent unknown = new DispatchIntent("k-unknown", journey, Channel.SMS);
        DispatchIntent dropped = new DispatchIntent("k-dropped", journey, Channel.SMS);
        List<DispatchIntent> all = List.of(fresh, sent, unknown, dropped);

        assertThat(store.beginDispatches(all, "a", clock.instant())).as("all new").isEmpty();
        DispatchResult accepted = DispatchResult.accepted("prov-1", Money.brl("0.08"));
        store.writeBack(new WriteBack("a", List.of(), Map.of(sent, accepted, unknown, DispatchResult.unknown("timeout")),
                java.util.Collections.singletonMap(dropped, null), List.of()));

        Map<String, PriorDispatch> known = store.beginDispatches(all, "b", clock.instant());
        assertThat(known).containsOnlyKeys("k-fresh", "k-sent", "k-unknown");
        assertThat(known.get("k-fresh")).isEqualTo(new PriorDispatch(PriorDispatch.State.PENDING, null));
        assertThat(known.get("k-sent")).isEqualTo(new PriorDispatch(PriorDispatch.State.SENT, accepted));
        assertThat(known.get("k-unknown")).isEqualTo(new PriorDispatch(PriorDispatch.State.RETRY, null));

        // a journey written by the owner of its lease: what is still pending for it was left by a stopped offerer
        Journey written = store.find(journey).orElse(null);
        assertThat(written).isNull();
        assertThat(store.dispatchesInDoubt(clock.instant(), 10)).isEmpty();
        assertThat(store.dispatchesInDoubt(clock.instant().plusSeconds(1), 10)).containsExactlyInAnyOrder("k-fresh", "k-unknown",
                "k-dropped");
        assertThat(store.beginDispatches(List.of(sent), "c", clock.instant()).get("k-sent").result())
                .as("a key answered for good stays answered").isEqualTo(accepted);
    }

    // ------------------------------------------------------------------ plumbing

    private CadenceEngine engine(String instance, Offers offers) {
        CadenceEngine.Builder b = CadenceEngine.builder().clock(clock).store(store).instanceId(instance);
        for (Channel channel : Channel.values()) {
            b.channel(channel, offers);
        }
        CadenceEngine engine = b.build();
        engine.register(cardLate);
        return engine;
    }

    private void enrolAll(CadenceEngine engine) {
        for (int i = 0; i < CUSTOMERS; i++) {
            engine.enroll(Fixtures.customer("c-" + i, Fixtures.SAO_PAULO), debt("c-" + i), cardLate);
        }
    }

    private static io.cadencerules.customer.Debt debt(String customerId) {
        return io.cadencerules.customer.Debt.of("inv-" + customerId, Money.brl("500.00"), Fixtures.DUE);
    }

    private Journey journeyOf(CadenceEngine engine, String customerId) {
        return engine.journey(new io.cadencerules.journey.JourneyKey(customerId, "inv-" + customerId, cardLate.id())).orElseThrow();
    }

    private static List<String> sentSteps(Journey journey) {
        return journey.history().stream().filter(e -> e.kind() == Kind.SENT).map(HistoryEntry::stepId).toList();
    }

    /** An adapter that counts the offers of each key and accepts them; {@link #onOffer} runs inside each call. */
    private static final class Offers implements ChannelAdapter {
        final Map<String, Integer> byKey = new ConcurrentHashMap<>();
        volatile Consumer<ContactRequest> onOffer = request -> { };

        @Override
        public CompletionStage<DispatchResult> dispatch(ContactRequest request) {
            byKey.merge(request.idempotencyKey(), 1, Integer::sum);
            onOffer.accept(request);
            return CompletableFuture.completedFuture(DispatchResult.accepted("p-" + request.idempotencyKey()));
        }

        int count(String key) {
            return byKey.getOrDefault(key, 0);
        }
    }

    /** Stands for the process dying: an Error, which the engine does not catch. */
    private static final class InstanceDeath extends Error {
        InstanceDeath() {
            super("the instance died", null, false, false);
        }
    }
}
