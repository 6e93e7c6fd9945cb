package io.cadencerules.engine;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Anchor;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.ReEntry;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.event.EventType;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.journey.Reasons;
import io.cadencerules.store.JourneyQuery;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;

import static io.cadencerules.Fixtures.local;
import static io.cadencerules.cadence.Dsl.convert;
import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.cadence.Dsl.goTo;
import static io.cadencerules.cadence.Dsl.startCadence;
import static io.cadencerules.cadence.Dsl.stop;
import static io.cadencerules.channel.Channel.AGENT;
import static io.cadencerules.channel.Channel.EMAIL;
import static io.cadencerules.channel.Channel.SMS;
import static io.cadencerules.channel.Channel.TWO_WAY_SMS;
import static io.cadencerules.testkit.CadenceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class BranchesAndRoutingTest {

    private final Customer ana = Fixtures.ana();
    private final Debt debt = Fixtures.debt();
    private final Lead cart = new Lead("cart-7", Money.brl("199.90"), "headset");
    private CadenceHarness h;

    @BeforeEach
    void harness() {
        h = CadenceHarness.startingAt(Fixtures.START).build();
    }

    @Test
    void pressing_1_in_the_ivr_hands_off_to_an_agent_at_once_and_the_cadence_goes_on() {
        Cadence cardLate = Fixtures.cardLate();
        h.enroll(ana, debt, cardLate);
        h.advanceTo(local(5, 9, 2));
        h.deliver(h.events().pressed("c-1", "inv-9", '1'));

        ContactRequest handOff = h.channel(AGENT).sent().get(0);
        assertThat(handOff.queue()).isEqualTo("negotiation");
        assertThat(handOff.stepId()).isEqualTo("d5-ivr");
        assertThat(handOff.requestedAt()).isEqualTo(local(5, 9, 2));
        assertThat(handOff.idempotencyKey()).isEqualTo("c-1/inv-9/card-late#1/d5-ivr/1/AGENT:negotiation/1");

        h.advance(Duration.ofDays(10));
        assertThat(h.channel(AGENT).sent()).extracting(ContactRequest::queue).containsExactly("negotiation", "collections");
        assertThat(h.journey(ana, debt, cardLate)).hasEntry(Kind.SENT, "d5-ivr", Reasons.BRANCH).stoppedAt("d10-agent");
    }

    @Test
    void pressing_1_twice_hands_off_once() {
        Cadence cardLate = Fixtures.cardLate();
        h.enroll(ana, debt, cardLate);
        h.advanceTo(local(5, 9, 2));
        h.deliver(h.events().pressed("c-1", "inv-9", '1'));
        h.deliver(h.events().pressed("c-1", "inv-9", '1'));
        assertThat(h.channel(AGENT).offers()).isEqualTo(1);
        assertThat(h.channel(AGENT).sent()).hasSize(1);
    }

    @Test
    void a_key_with_no_branch_is_only_recorded() {
        Cadence cardLate = Fixtures.cardLate();
        h.enroll(ana, debt, cardLate);
        h.advanceTo(local(5, 9, 2));
        h.deliver(h.events().pressed("c-1", "inv-9", '9'));
        assertThat(h.channel(AGENT).sent()).isEmpty();
        assertThat(h.journey(ana, debt, cardLate)).hasEntry(Kind.EVENT, null, "key-pressed");
    }

    @Test
    void a_reply_keyword_jumps_to_a_step_and_the_sequence_continues_after_it() {
        Cadence survey = Cadence.sales("interest")
                .step("ask").at(days(0)).twoWaySms("interested?").onReply("QUERO", goTo("agent")).onReply("PARAR", stop())
                .step("remind").at(days(2)).email("reminder")
                .step("agent").at(days(5)).agentCall("sales")
                .step("last").at(days(7)).sms("last-chance")
                .build();
        h.enroll(ana, cart, survey);
        h.advance(Duration.ofHours(1));
        h.deliver(h.events().replied("c-1", "cart-7", TWO_WAY_SMS, "  quero "));
        h.advance(Duration.ofDays(10));

        assertThat(h.journey(ana, cart, survey)).sentSteps("ask", "agent", "last");
        assertThat(h.channel(AGENT).sent().get(0).requestedAt()).isEqualTo(Fixtures.START.plus(Duration.ofHours(1)));
    }

    @Test
    void a_stop_reply_ends_the_journey() {
        Cadence survey = Cadence.sales("interest")
                .step("ask").at(days(0)).twoWaySms("interested?").onReply("PARAR", stop()).onReply("SIM", convert())
                .step("remind").at(days(2)).email("reminder")
                .build();
        h.enroll(ana, cart, survey);
        h.advance(Duration.ofHours(1));
        h.deliver(h.events().replied("c-1", "cart-7", TWO_WAY_SMS, "parar"));
        h.advance(Duration.ofDays(5));
        assertThat(h.journey(ana, cart, survey)).hasStatus(JourneyStatus.EXITED).sentSteps("ask")
                .hasEntry(Kind.EXITED, "ask", Reasons.BRANCH);
    }

    @Test
    void reply_keywords_match_without_regard_to_accents_or_punctuation() {
        Cadence survey = Cadence.sales("interest")
                .step("ask").at(days(0)).twoWaySms("interested?").onReply("NÃO", stop()).onReply("SIM", convert())
                .step("remind").at(days(2)).email("reminder")
                .build();
        h.enroll(ana, cart, survey);
        h.advance(Duration.ofHours(1));
        h.deliver(h.events().replied("c-1", "cart-7", TWO_WAY_SMS, "Nao!"));
        assertThat(h.journey(ana, cart, survey)).hasStatus(JourneyStatus.EXITED).hasEntry(Kind.EXITED, "ask", Reasons.BRANCH);

        Customer bia = Fixtures.customer("c-2", Fixtures.SAO_PAULO);
        Lead cart2 = new Lead("cart-8", Money.brl("80.00"), "mouse");
        h.enroll(bia, cart2, survey);
        h.advance(Duration.ofHours(1));
        h.deliver(h.events().replied("c-2", "cart-8", TWO_WAY_SMS, " sím. "));
        assertThat(h.journey(bia, cart2, survey)).hasStatus(JourneyStatus.CONVERTED);
    }

    @Test
    void a_reaction_step_fires_when_its_event_arrives() {
        Cadence cart7 = Cadence.sales("abandoned-cart")
                .step("coupon").at(days(0)).sms("coupon-10").with("discount", "10%")
                .step("follow").at(days(3)).email("coupon-reminder")
                .step("clicked").on(EventType.LINK_CLICKED).agentCall("sales")
                .exitOn(EventType.CONVERSION)
                .build();
        h.enroll(ana, cart, cart7);
        h.advance(Duration.ofDays(1));
        h.deliver(h.events().clicked("c-1", "cart-7", "https://shop.example/cart/7"));
        assertThat(h.channel(AGENT).sent()).hasSize(1);
        assertThat(h.channel(SMS).sent().get(0).variables()).containsEntry("discount", "10%");
        h.advance(Duration.ofDays(1));
        h.deliver(h.events().converted("c-1", "cart-7", "purchase"));
        h.advance(Duration.ofDays(5));
        assertThat(h.journey(ana, cart, cart7)).hasStatus(JourneyStatus.CONVERTED).sentSteps("coupon", "clicked");
    }

    @Test
    void a_branch_can_start_another_cadence_for_the_same_subject() {
        Cadence thanks = Cadence.relationship("thanks").step("thank-you").at(days(0)).email("thank-you").build();
        Cadence offer = Cadence.sales("offer")
                .step("offer").at(days(0)).twoWaySms("offer").onReply("SIM", startCadence("thanks"))
                .build();
        h.engine().register(thanks);
        h.enroll(ana, cart, offer);
        h.advance(Duration.ofMinutes(5));
        h.deliver(h.events().replied("c-1", "cart-7", TWO_WAY_SMS, "sim"));
        h.advance(Duration.ofMinutes(5));
        assertThat(h.journey(ana, cart, thanks)).sentSteps("thank-you");
        assertThat(h.journey(ana, cart, offer).isLive()).isTrue();
    }

    @Test
    void a_cadence_anchored_on_an_event_waits_for_it() {
        Cadence afterCall = Cadence.relationship("after-inbound")
                .anchoredOn(Anchor.event(EventType.INBOUND_CONTACT))
                .step("first").after(Duration.ofMinutes(30)).sms("thanks-for-calling")
                .step("survey").at(days(1)).twoWaySms("nps")
                .build();
        h.enroll(ana, debt, afterCall);
        h.advance(Duration.ofDays(2));
        assertThat(h.channel(SMS).sent()).isEmpty();
        assertThat(h.journey(ana, debt, afterCall).status()).isEqualTo(JourneyStatus.WAITING);

        h.deliver(h.events().inbound("c-1", Channel.AGENT));
        h.advance(Duration.ofDays(2));
        assertThat(h.sentTo("c-1")).extracting(ContactRequest::stepId, ContactRequest::requestedAt).containsExactly(
                tuple("first", Fixtures.START.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(30))),
                tuple("survey", Fixtures.START.plus(Duration.ofDays(3))));
    }

    @Test
    void a_rejected_sms_falls_back_to_email_and_the_history_shows_both() {
        Cadence cadence = Cadence.collection("reminder")
                .step("d0").at(days(0), LocalTime.of(9, 0)).sms("due-today").fallbackTo(EMAIL, "due-today-email")
                .build();
        h.channel(SMS).answerNext(DispatchResult.rejected("number blocked by carrier"));
        h.enroll(ana, debt, cadence);
        h.advance(Duration.ofDays(10));

        Journey j = h.journey(ana, debt, cadence);
        assertThat(j.history()).filteredOn(e -> "d0".equals(e.stepId()))
                .extracting(e -> e.kind(), e -> e.channel(), e -> e.reason(), e -> e.detail())
                .containsExactly(tuple(Kind.FAILED, SMS, Reasons.PROVIDER_REJECTED, "number blocked by carrier"),
                        tuple(Kind.SENT, EMAIL, Reasons.ACCEPTED, "rec-1"));
        assertThat(h.channel(EMAIL).sent().get(0).templateId()).isEqualTo("due-today-email");
    }

    @Test
    void a_customer_without_the_channels_address_goes_to_the_fallback() {
        Customer emailOnly = Customer.builder("c-2").email("bia@example.com").build();
        Cadence cadence = Cadence.collection("reminder")
                .step("d0").at(days(0)).sms("due-today").fallbackTo(EMAIL, "due-today-email")
                .step("d1").at(days(1)).voiceBlast("call")
                .build();
        h.enroll(emailOnly, debt, cadence);
        h.advance(Duration.ofDays(12));
        Journey j = h.journey(emailOnly, debt, cadence);
        assertThat(j).hasEntry(Kind.SKIPPED, "d0", Reasons.NO_CONTACT_POINT).hasEntry(Kind.SKIPPED, "d1", Reasons.NO_CONTACT_POINT)
                .sentSteps("d0").wasContactedVia(EMAIL);
    }

    @Test
    void a_stage_that_rules_out_a_channel_sends_the_step_to_its_fallback() {
        CadenceHarness checked = CadenceHarness.startingAt(Fixtures.START).configure(b -> b.policy(ctx ->
                ctx.action().channel() == SMS ? Verdict.skipRoute("invalid-phone", "phone has DDD 20, which does not exist")
                        : Verdict.proceed())).build();
        Cadence cadence = Cadence.collection("reminder")
                .step("d0").at(days(0), LocalTime.of(9, 0)).sms("due-today").fallbackTo(EMAIL, "due-today-email")
                .step("d1").at(days(1), LocalTime.of(9, 0)).sms("late")
                .build();
        checked.enroll(ana, debt, cadence);
        checked.advance(Duration.ofDays(15));

        Journey j = checked.journey(ana, debt, cadence);
        assertThat(j.history()).filteredOn(e -> e.stepId() != null)
                .extracting(e -> e.kind(), e -> e.stepId(), e -> e.channel(), e -> e.reason())
                .containsExactly(tuple(Kind.SKIPPED, "d0", SMS, "invalid-phone"), tuple(Kind.SENT, "d0", EMAIL, Reasons.ACCEPTED),
                        tuple(Kind.SKIPPED, "d1", SMS, "invalid-phone"));
    }

    @Test
    void a_retryable_failure_is_retried_with_a_new_attempt_up_to_the_maximum() {
        Cadence cadence = Cadence.collection("reminder")
                .step("d0").at(days(0), LocalTime.of(9, 0)).sms("due-today").maxAttempts(3, Duration.ofMinutes(30))
                .build();
        h.channel(SMS).answerNext(DispatchResult.failed("503", true), DispatchResult.failed("503", true));
        h.enroll(ana, debt, cadence);
        h.advance(Duration.ofDays(10));

        assertThat(h.channel(SMS).sent()).extracting(ContactRequest::attempt, ContactRequest::requestedAt)
                .containsExactly(tuple(3, local(0, 10, 0)));
        assertThat(h.journey(ana, debt, cadence).entries(Kind.FAILED)).extracting(e -> e.attempt()).containsExactly(1, 2);
    }

    @Test
    void an_unknown_outcome_is_offered_again_with_the_same_key_and_sent_once() {
        Cadence cadence = Cadence.collection("reminder")
                .step("d0").at(days(0), LocalTime.of(9, 0)).sms("due-today")
                .build();
        h.channel(SMS).answerNext(DispatchResult.unknown("timed out"), DispatchResult.unknown("timed out"));
        h.enroll(ana, debt, cadence);
        h.advance(Duration.ofDays(10));

        assertThat(h.channel(SMS).offers()).isEqualTo(3);
        assertThat(h.channel(SMS).sent()).extracting(ContactRequest::idempotencyKey, ContactRequest::requestedAt)
                .containsExactly(tuple("c-1/inv-9/reminder#1/d0/1/SMS/1", local(0, 11, 0)));
        assertThat(h.journey(ana, debt, cadence).history()).filteredOn(e -> "d0".equals(e.stepId()))
                .extracting(e -> e.kind(), e -> e.attempt(), e -> e.reason())
                .containsExactly(tuple(Kind.FAILED, 1, Reasons.OUTCOME_UNKNOWN), tuple(Kind.FAILED, 1, Reasons.OUTCOME_UNKNOWN),
                        tuple(Kind.SENT, 1, Reasons.ACCEPTED));
    }

    @Test
    void an_outcome_that_stays_unknown_is_given_up_after_three_offers() {
        Cadence cadence = Cadence.collection("reminder")
                .step("d0").at(days(0), LocalTime.of(9, 0)).sms("due-today")
                .build();
        h.channel(SMS).answerNext(DispatchResult.unknown("t1"), DispatchResult.unknown("t2"), DispatchResult.unknown("t3"));
        h.enroll(ana, debt, cadence);
        h.advance(Duration.ofDays(10));
        assertThat(h.channel(SMS).offers()).isEqualTo(3);
        assertThat(h.journey(ana, debt, cadence)).hasEntry(Kind.SKIPPED, "d0", Reasons.ATTEMPTS_EXHAUSTED);
    }

    @Test
    void retries_stop_at_the_maximum_and_the_step_is_given_up() {
        Cadence cadence = Cadence.collection("reminder")
                .step("d0").at(days(0), LocalTime.of(9, 0)).sms("due-today").maxAttempts(2, Duration.ofMinutes(30))
                .step("d1").at(days(1), LocalTime.of(9, 0)).email("late")
                .build();
        h.channel(SMS).answerNext(DispatchResult.failed("503", true), DispatchResult.failed("503", true));
        h.enroll(ana, debt, cadence);
        h.advance(Duration.ofDays(10));
        assertThat(h.journey(ana, debt, cadence)).hasEntry(Kind.SKIPPED, "d0", Reasons.ATTEMPTS_EXHAUSTED).sentSteps("d1");
    }

    @Test
    void a_delivery_failure_reported_later_retries_the_step() {
        Cadence cadence = Cadence.collection("reminder")
                .step("d0").at(days(0), LocalTime.of(9, 0)).sms("due-today").maxAttempts(2, Duration.ofHours(2))
                .step("d3").at(days(3), LocalTime.of(9, 0)).email("late")
                .build();
        h.enroll(ana, debt, cadence);
        h.advanceTo(local(0, 9, 5));
        String key = h.channel(SMS).sent().get(0).idempotencyKey();
        h.deliver(h.events().failed("c-1", "inv-9", SMS, key, false));
        h.advance(Duration.ofDays(5));

        assertThat(h.channel(SMS).sent()).extracting(ContactRequest::attempt, ContactRequest::requestedAt)
                .containsExactly(tuple(1, local(0, 9, 0)), tuple(2, local(0, 11, 5)));
        assertThat(h.journey(ana, debt, cadence)).sentSteps("d0", "d0", "d3");
    }

    @Test
    void re_entry_follows_the_cadence_rule() {
        Cadence once = Cadence.sales("once").reEntry(ReEntry.never()).step("s").at(days(0)).sms("hi").build();
        Cadence monthly = Cadence.sales("monthly").reEntry(ReEntry.after(Duration.ofDays(30))).step("s").at(days(0)).sms("hi").build();
        h.enroll(ana, cart, once);
        h.enroll(ana, cart, monthly);
        h.deliver(h.events().paid("c-1", "cart-7", Money.brl("1.00")));
        assertThat(h.engine().journeys(JourneyQuery.byCadence("once"))).singleElement()
                .satisfies(j -> assertThat(j.isLive()).as("a payment does not end a sales journey").isTrue());
        h.advance(Duration.ofDays(40)); // both complete (horizon 30 days)

        assertThat(h.engine().enroll(ana, cart, once).outcome()).isEqualTo(EnrolResult.Outcome.RE_ENTRY_NOT_ALLOWED);
        EnrolResult again = h.engine().enroll(ana, cart, monthly);
        assertThat(again.outcome()).isEqualTo(EnrolResult.Outcome.RE_ENTRY_TOO_SOON);
        h.advance(Duration.ofDays(21));
        EnrolResult later = h.engine().enroll(ana, cart, monthly);
        assertThat(later.outcome()).isEqualTo(EnrolResult.Outcome.ENROLLED);
        assertThat(later.journey().id().run()).isEqualTo(2);
        assertThat(h.engine().journeys(JourneyQuery.byCadence("monthly"))).hasSize(2);
    }

    @Test
    void pausing_a_cadence_holds_its_journeys_and_resuming_continues_them() {
        Cadence cardLate = Fixtures.cardLate();
        h.enroll(ana, debt, cardLate);
        h.advanceTo(local(1, 12, 0));
        h.engine().pauseCadence("card-late");
        h.advanceTo(local(6, 12, 0));
        assertThat(h.journey(ana, debt, cardLate)).hasStatus(JourneyStatus.PAUSED).stoppedAt("d0-sms");

        h.engine().resumeCadence("card-late");
        h.advance(Duration.ofDays(10));
        Journey j = h.journey(ana, debt, cardLate);
        assertThat(j).hasEntry(Kind.PAUSED, null, Reasons.MANUAL).hasEntry(Kind.RESUMED, null, Reasons.MANUAL)
                .sentSteps("d-3-email", "d0-sms", "d10-agent");
        // steps that fell due during a manual pause are stale by now, unlike those delayed by a promise to pay
        assertThat(j).hasEntry(Kind.SKIPPED, "d2-voice", Reasons.STALE).hasEntry(Kind.SKIPPED, "d5-ivr", Reasons.STALE);
    }

    @Test
    void pausing_a_customer_holds_only_that_customers_journeys() {
        Cadence cardLate = Fixtures.cardLate();
        Customer bia = Fixtures.customer("c-2", Fixtures.SAO_PAULO);
        h.enroll(ana, debt, cardLate);
        h.enroll(bia, debt, cardLate);
        h.engine().pauseCustomer("c-1");
        h.advanceTo(local(1, 12, 0));
        assertThat(h.sentTo("c-1")).isEmpty();
        assertThat(h.sentTo("c-2")).hasSize(2);
        h.engine().resumeCustomer("c-1");
        h.advanceTo(local(3, 12, 0));
        assertThat(h.journey(ana, debt, cardLate)).sentSteps("d2-voice");
    }
}
