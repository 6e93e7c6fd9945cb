package io.cadencerules.engine;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Anchor;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.event.AccountNotice;
import io.cadencerules.event.EventType;
import io.cadencerules.event.InboundContact;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.journey.Reasons;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.cadencerules.Fixtures.DUE;
import static io.cadencerules.Fixtures.SAO_PAULO;
import static io.cadencerules.Fixtures.local;
import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.cadence.Dsl.goTo;
import static io.cadencerules.channel.Channel.AGENT;
import static io.cadencerules.channel.Channel.EMAIL;
import static io.cadencerules.channel.Channel.OUTBOUND_IVR;
import static io.cadencerules.testkit.CadenceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Cases found by the review of the core engine. */
class ReviewRegressionTest {

    private final Customer ana = Fixtures.ana();
    private final Debt debt = Fixtures.debt();

    @Test
    void a_stage_that_throws_backs_the_journey_off_instead_of_spinning_and_it_recovers() {
        AtomicBoolean down = new AtomicBoolean(true);
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).configure(b -> b.policy(ctx -> {
            if (down.get()) {
                throw new IllegalStateException("policy backend down");
            }
            return Verdict.proceed();
        })).build();
        Cadence cadence = Cadence.collection("one").step("d0").at(days(0), LocalTime.of(9, 0)).sms("due").build();
        h.enroll(ana, debt, cadence);
        h.advanceTo(local(0, 9, 0));

        Journey failing = h.journey(ana, debt, cadence);
        assertThat(failing).hasEntry(Kind.ERROR, null, Reasons.ENGINE_ERROR);
        assertThat(failing.due()).contains(local(0, 9, 1));
        h.advance(Duration.ofMinutes(3));
        assertThat(h.journey(ana, debt, cadence).entries(Kind.ERROR)).extracting(HistoryEntry::at)
                .as("back-off doubles: 1 min, then 2 min").containsExactly(local(0, 9, 0), local(0, 9, 1), local(0, 9, 3));
        down.set(false);
        h.advance(Duration.ofMinutes(5));
        assertThat(h.journey(ana, debt, cadence)).sentSteps("d0");
    }

    @Test
    void a_listener_may_call_the_engine_without_deadlocking() throws Exception {
        Cadence thanks = Cadence.relationship("thanks").step("thank-you").at(days(0)).email("thank-you").build();
        AtomicInteger enrolledFromListener = new AtomicInteger();
        CadenceEngine[] engine = new CadenceEngine[1];
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).configure(b -> b.cadences(thanks)
                .listener(new CadenceListener() {
                    @Override
                    public void onEntry(Journey journey, HistoryEntry entry) {
                        if (entry.kind() == Kind.CONVERTED) {
                            Customer who = engine[0].store().customer(journey.customerId()).orElseThrow();
                            engine[0].enroll(who, journey.subject(), thanks);
                            enrolledFromListener.incrementAndGet();
                        }
                    }
                })).build();
        engine[0] = h.engine();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int i = 0; i < 200; i++) {
            h.enroll(Fixtures.customer("c" + i, SAO_PAULO), debt, Fixtures.cardLate());
        }
        Future<?> evens = pool.submit(() -> pay(h, 0));
        Future<?> odds = pool.submit(() -> pay(h, 1));
        evens.get(30, TimeUnit.SECONDS);
        odds.get(30, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(enrolledFromListener.get()).isEqualTo(200);
    }

    private static void pay(CadenceHarness h, int parity) {
        for (int i = parity; i < 200; i += 2) {
            h.deliver(h.events().paid("c" + i, "inv-9", Money.brl("500.00")));
        }
    }

    @Test
    void going_back_to_a_step_sends_it_again_with_a_new_idempotency_key() {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        Cadence ivr = Cadence.collection("ivr")
                .step("d5-ivr").at(days(5), LocalTime.of(9, 0)).outboundIvr("negotiate").onKey('9', goTo("d5-ivr"))
                .build();
        h.enroll(ana, debt, ivr);
        h.advanceTo(local(5, 9, 1));
        h.deliver(h.events().pressed("c-1", "inv-9", '9'));

        assertThat(h.channel(OUTBOUND_IVR).sent()).extracting(ContactRequest::idempotencyKey).containsExactly(
                "c-1/inv-9/ivr#1/d5-ivr/1/OUTBOUND_IVR/1", "c-1/inv-9/ivr#1/d5-ivr/2/OUTBOUND_IVR/1");
        assertThat(h.channel(OUTBOUND_IVR).duplicateOffers()).isZero();
    }

    @Test
    void a_reaction_firing_twice_sends_twice() {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        Cadence cadence = Cadence.sales("clicks").step("offer").at(days(0)).email("offer")
                .step("thanks").on(EventType.LINK_CLICKED).email("thanks").build();
        io.cadencerules.customer.Lead lead = new io.cadencerules.customer.Lead("l-1", Money.brl("10.00"), "");
        h.enroll(ana, lead, cadence);
        h.advance(Duration.ofMinutes(1));
        h.deliver(h.events().clicked("c-1", "l-1", "a"));
        h.deliver(h.events().clicked("c-1", "l-1", "b"));
        assertThat(h.channel(EMAIL).sent()).extracting(ContactRequest::stepId).containsExactly("offer", "thanks", "thanks");
    }

    @Test
    void a_goto_forward_records_the_steps_it_jumped_over() {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        Cadence survey = Cadence.sales("interest")
                .step("ask").at(days(0)).twoWaySms("interested?").onReply("QUERO", goTo("agent"))
                .step("remind").at(days(2)).email("reminder")
                .step("agent").at(days(5)).agentCall("sales")
                .build();
        io.cadencerules.customer.Lead lead = new io.cadencerules.customer.Lead("l-1", Money.brl("10.00"), "");
        h.enroll(ana, lead, survey);
        h.advance(Duration.ofMinutes(1));
        h.deliver(h.events().replied("c-1", "l-1", io.cadencerules.channel.Channel.TWO_WAY_SMS, "quero"));
        assertThat(h.journey(ana, lead, survey)).hasEntry(Kind.SKIPPED, "remind", Reasons.JUMPED).sentSteps("ask", "agent");
    }

    @Test
    void a_promise_made_during_a_manual_pause_holds_until_its_date() {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        Cadence cardLate = Fixtures.cardLate();
        h.enroll(ana, debt, cardLate);
        h.advanceTo(local(1, 12, 0));
        h.engine().pauseCustomer("c-1");
        h.advanceTo(local(3, 10, 0));
        h.deliver(h.events().promised("c-1", "inv-9", Money.brl("500.00"), DUE.plusDays(7)));
        h.engine().resumeCustomer("c-1");
        h.advanceTo(local(7, 23, 0));
        assertThat(h.sentTo("c-1")).extracting(ContactRequest::stepId).containsExactly("d-3-email", "d0-sms");
        assertThat(h.journey(ana, debt, cardLate).status()).isEqualTo(JourneyStatus.PAUSED);
    }

    @Test
    void a_manual_pause_is_kept_in_the_store_so_another_engine_on_it_honours_it() {
        io.cadencerules.store.InMemoryJourneyStore shared = new io.cadencerules.store.InMemoryJourneyStore();
        CadenceHarness first = CadenceHarness.startingAt(Fixtures.START).configure(b -> b.store(shared)).build();
        Cadence cardLate = Fixtures.cardLate();
        first.enroll(ana, debt, cardLate);
        first.engine().pauseCadence("card-late");

        CadenceHarness restarted = CadenceHarness.startingAt(Fixtures.START)
                .configure(b -> b.store(shared).cadences(cardLate)).build();
        restarted.advanceTo(local(1, 12, 0));
        assertThat(restarted.engine().journey(h(cardLate)).orElseThrow().status()).isEqualTo(JourneyStatus.PAUSED);
        assertThat(restarted.sent()).isEmpty();

        restarted.engine().resumeCadence("card-late");
        restarted.advanceTo(local(2, 12, 0));
        assertThat(restarted.sent()).extracting(ContactRequest::stepId).containsExactly("d2-voice");
    }

    private io.cadencerules.journey.JourneyKey h(Cadence cadence) {
        return new io.cadencerules.journey.JourneyKey(ana.id(), debt.key(), cadence.id());
    }

    @Test
    void a_renegotiated_promise_moves_the_pause() {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        Cadence cardLate = Fixtures.cardLate();
        h.enroll(ana, debt, cardLate);
        h.advanceTo(local(3, 10, 0));
        h.deliver(h.events().promised("c-1", "inv-9", Money.brl("500.00"), DUE.plusDays(5)));
        h.advanceTo(local(4, 10, 0));
        h.deliver(h.events().promised("c-1", "inv-9", Money.brl("500.00"), DUE.plusDays(9)));
        assertThat(h.journey(ana, debt, cardLate).due()).contains(DUE.plusDays(10).atStartOfDay(SAO_PAULO).toInstant());
    }

    @Test
    void a_pause_event_holds_until_resumed_or_the_horizon() {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        Cadence disputable = Cadence.collection("disputable").step("d0").at(days(0), LocalTime.of(9, 0)).sms("x")
                .step("d3").at(days(3), LocalTime.of(9, 0)).email("y").pauseOn(EventType.DISPUTE).horizon(30).build();
        Cadence forgotten = Cadence.collection("forgotten").step("d0").at(days(0), LocalTime.of(9, 0)).sms("x")
                .pauseOn(EventType.DISPUTE).horizon(30).build();
        h.enroll(ana, debt, disputable);
        h.enroll(ana, debt, forgotten);
        h.advanceTo(local(1, 10, 0));
        h.deliver(new AccountNotice("n1", h.now(), "c-1", "inv-9", AccountNotice.Kind.DISPUTE, "contested"));
        h.advanceTo(local(2, 10, 0));
        assertThat(h.engine().resume(h.journey(ana, debt, disputable).id())).isTrue();
        h.advance(Duration.ofDays(40));

        assertThat(h.journey(ana, debt, disputable)).sentSteps("d0", "d3").hasStatus(JourneyStatus.COMPLETED);
        assertThat(h.journey(ana, debt, forgotten)).hasStatus(JourneyStatus.COMPLETED)
                .hasEntry(Kind.COMPLETED, null, Reasons.HORIZON_REACHED);
    }

    @Test
    void a_wait_step_delayed_by_a_promise_goes_out_at_the_send_time_and_later_steps_move_with_it() {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        Cadence cadence = Cadence.collection("wait")
                .step("d0-sms").at(days(0), LocalTime.of(9, 0)).sms("due")
                .step("wait-email").after(Duration.ofDays(2)).email("late")
                .step("d5-voice").at(days(5), LocalTime.of(10, 0)).voiceBlast("late")
                .pauseOn(EventType.PROMISE_TO_PAY).build();
        h.enroll(ana, debt, cadence);
        h.advanceTo(local(1, 10, 0));
        h.deliver(h.events().promised("c-1", "inv-9", Money.brl("500.00"), DUE.plusDays(6)));
        h.advance(Duration.ofDays(20));

        assertThat(h.sentTo("c-1")).extracting(ContactRequest::stepId,
                        r -> java.time.LocalDateTime.ofInstant(r.requestedAt(), SAO_PAULO))
                .containsExactly(tuple("d0-sms", DUE.atTime(9, 0)), tuple("wait-email", DUE.plusDays(7).atTime(9, 0)),
                        tuple("d5-voice", DUE.plusDays(10).atTime(10, 0)));
    }

    @Test
    void an_anchor_event_with_sub_millisecond_time_does_not_stall_the_harness() {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        Cadence cadence = Cadence.relationship("after-inbound").anchoredOn(Anchor.event(EventType.INBOUND_CONTACT))
                .step("first").after(Duration.ofMinutes(30)).sms("thanks").build();
        h.enroll(ana, debt, cadence);
        h.deliver(new InboundContact("in-1", Fixtures.START.minusNanos(123_456_500), "c-1", "inv-9", AGENT));
        h.advance(Duration.ofHours(1));
        assertThat(h.journey(ana, debt, cadence)).sentSteps("first");
    }
}
