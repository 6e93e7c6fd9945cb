package io.cadencerules.engine;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.event.PaymentReceived;
import io.cadencerules.event.Rejection;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.cadencerules.Fixtures.local;
import static io.cadencerules.testkit.CadenceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

class EventHandlingTest {

    private final Cadence cardLate = Fixtures.cardLate();
    private final Customer ana = Fixtures.ana();
    private final Debt debt = Fixtures.debt();
    private final List<Rejection> heard = new ArrayList<>();
    private CadenceHarness h;

    @BeforeEach
    void harness() {
        h = CadenceHarness.startingAt(Fixtures.START)
                .configure(b -> b.listener(new CadenceListener() {
                    @Override
                    public void onRejected(Rejection rejection) {
                        heard.add(rejection);
                    }
                }))
                .build();
    }

    @Test
    void enrolling_twice_returns_the_live_journey_and_sends_each_step_once() {
        EnrolResult first = h.engine().enroll(ana, debt, cardLate);
        EnrolResult second = h.engine().enroll(ana, debt, cardLate);
        h.advance(Duration.ofDays(3));
        EnrolResult third = h.engine().enroll(ana, debt, cardLate);
        h.advance(Duration.ofDays(30));

        assertThat(first.outcome()).isEqualTo(EnrolResult.Outcome.ENROLLED);
        assertThat(second.outcome()).isEqualTo(EnrolResult.Outcome.ALREADY_ENROLLED);
        assertThat(second.journey().id()).isEqualTo(first.journey().id());
        assertThat(third.outcome()).isEqualTo(EnrolResult.Outcome.ALREADY_ENROLLED);
        assertThat(h.sentTo("c-1")).extracting(ContactRequest::stepId)
                .containsExactly("d-3-email", "d0-sms", "d2-voice", "d5-ivr", "d10-agent");
        assertThat(h.engine().journeys(new io.cadencerules.store.JourneyQuery("c-1", null, null, 10))).hasSize(1);
    }

    @Test
    void a_duplicate_event_id_is_applied_once() {
        h.enroll(ana, debt, cardLate);
        h.advanceTo(local(0, 12, 0));
        PaymentReceived partial = h.events().paidPart("c-1", "inv-9", Money.brl("50.00"));

        EventReceipt first = h.deliver(partial);
        EventReceipt again = h.deliver(partial);

        assertThat(first.outcome()).isEqualTo(EventReceipt.Outcome.APPLIED);
        assertThat(first.journeys()).hasSize(1);
        assertThat(again.outcome()).isEqualTo(EventReceipt.Outcome.DUPLICATE);
        assertThat(h.journey(ana, debt, cardLate).entries(Kind.EVENT)).hasSize(1);
    }

    @Test
    void malformed_json_is_rejected_with_its_path_recorded_and_nothing_stored_is_lost() {
        h.enroll(ana, debt, cardLate);
        h.advanceTo(local(1, 12, 0));
        Journey before = h.journey(ana, debt, cardLate);

        EventReceipt badKey = h.engine().handleJson("""
                {"type":"KEY_PRESSED","id":"k-1","occurredAt":"2026-03-11T15:00:00Z","customerId":"c-1","digit":"x"}""");
        EventReceipt noAmount = h.engine().handleJson("""
                {"type":"PAYMENT_RECEIVED","id":"p-1","occurredAt":"2026-03-11T15:00:00Z","customerId":"c-1","full":true}""");
        EventReceipt notJson = h.engine().handleJson("{\"type\": \"PAYMENT_RECEIVED\", ");
        EventReceipt badType = h.engine().handleJson("""
                {"type":"PAYMENT_BOUNCED","id":"b-1","occurredAt":"2026-03-11T15:00:00Z","customerId":"c-1"}""");

        assertThat(List.of(badKey, noAmount, notJson, badType)).extracting(EventReceipt::outcome)
                .containsOnly(EventReceipt.Outcome.REJECTED);
        assertThat(badKey.eventId()).isEqualTo("k-1");
        assertThat(badKey.detail()).startsWith("$: event 'k-1' ").contains("key must be 0-9, * or #, but was 'x'");
        assertThat(noAmount.detail()).isEqualTo("$.amount: is required, but was missing or null");
        assertThat(notJson.detail()).startsWith("$").contains("line 1");
        assertThat(badType.detail()).startsWith("$.type: ").contains("PAYMENT_BOUNCED");
        assertThat(h.engine().rejections()).extracting(Rejection::reason).containsOnly("malformed").hasSize(4);
        assertThat(heard).hasSize(4);
        assertThat(h.engine().rejections().get(0).input()).contains("\"digit\":\"x\"");

        Journey after = h.journey(ana, debt, cardLate);
        assertThat(after).isEqualTo(before);
        h.advance(Duration.ofDays(20));
        assertThat(h.journey(ana, debt, cardLate)).sentSteps("d-3-email", "d0-sms", "d2-voice", "d5-ivr", "d10-agent");
    }

    @Test
    void an_event_for_an_unknown_customer_or_subject_is_rejected_and_recorded() {
        h.enroll(ana, debt, cardLate);
        EventReceipt nobody = h.deliver(h.events().paid("c-404", "inv-9", Money.brl("1.00")));
        EventReceipt otherInvoice = h.deliver(h.events().paid("c-1", "inv-404", Money.brl("1.00")));

        assertThat(nobody.outcome()).isEqualTo(EventReceipt.Outcome.REJECTED);
        assertThat(nobody.reason()).isEqualTo("unknown-journey");
        assertThat(nobody.detail()).isEqualTo("no journey for customer 'c-404' and subject 'inv-9'");
        assertThat(otherInvoice.detail()).isEqualTo("no journey for customer 'c-1' and subject 'inv-404'");
        assertThat(h.engine().rejections()).extracting(Rejection::eventId).containsExactly(nobody.eventId(), otherInvoice.eventId());
        assertThat(h.journey(ana, debt, cardLate).status()).isEqualTo(JourneyStatus.ACTIVE);
    }

    @Test
    void an_unknown_event_id_can_be_sent_again_once_its_journey_exists() {
        PaymentReceived early = h.events().paid("c-1", "inv-9", Money.brl("500.00"));
        assertThat(h.deliver(early).outcome()).isEqualTo(EventReceipt.Outcome.REJECTED);
        h.enroll(ana, debt, cardLate);
        assertThat(h.deliver(early).outcome()).isEqualTo(EventReceipt.Outcome.APPLIED);
        assertThat(h.journey(ana, debt, cardLate).status()).isEqualTo(JourneyStatus.CONVERTED);
    }

    @Test
    void a_resend_of_the_event_that_ended_the_journey_is_a_duplicate() {
        h.enroll(ana, debt, cardLate);
        PaymentReceived paid = h.events().paid("c-1", "inv-9", Money.brl("500.00"));
        assertThat(h.deliver(paid).outcome()).isEqualTo(EventReceipt.Outcome.APPLIED);
        assertThat(h.deliver(paid).outcome()).isEqualTo(EventReceipt.Outcome.DUPLICATE);
        assertThat(h.engine().rejections()).isEmpty();
    }

    @Test
    void an_event_for_an_ended_journey_is_rejected_as_ended() {
        h.enroll(ana, debt, cardLate);
        h.deliver(h.events().paid("c-1", "inv-9", Money.brl("500.00")));
        EventReceipt late = h.deliver(h.events().paid("c-1", "inv-9", Money.brl("500.00")));
        assertThat(late.reason()).isEqualTo("journey-ended");
        assertThat(late.detail()).isEqualTo("every journey of customer 'c-1' and subject 'inv-9' has ended");
    }

    @Test
    void an_event_dated_in_the_future_is_rejected() {
        h.enroll(ana, debt, cardLate);
        PaymentReceived future = new PaymentReceived("f-1", h.now().plus(Duration.ofHours(1)), "c-1", "inv-9",
                Money.brl("500.00"), true);
        EventReceipt receipt = h.deliver(future);
        assertThat(receipt.reason()).isEqualTo("future-event");
        assertThat(receipt.detail()).isEqualTo("occurredAt 2026-03-01T13:00:00Z is after the engine's now 2026-03-01T12:00:00Z");
        assertThat(h.journey(ana, debt, cardLate).status()).isEqualTo(JourneyStatus.ACTIVE);
    }

    @Test
    void a_null_event_is_rejected_not_thrown() {
        EventReceipt receipt = h.engine().handle(null);
        assertThat(receipt.outcome()).isEqualTo(EventReceipt.Outcome.REJECTED);
        assertThat(receipt.detail()).isEqualTo("event is null");
        assertThat(h.engine().rejections()).hasSize(1);
    }

    @Test
    void an_event_without_subject_reaches_every_live_journey_of_the_customer() {
        Debt second = Debt.of("inv-10", Money.brl("80.00"), Fixtures.DUE.plusDays(5));
        h.enroll(ana, debt, cardLate);
        h.enroll(ana, second, cardLate);
        EventReceipt receipt = h.deliver(h.events().paid("c-1", null, Money.brl("580.00")));
        assertThat(receipt.journeys()).hasSize(2);
        assertThat(h.journey(ana, debt, cardLate).status()).isEqualTo(JourneyStatus.CONVERTED);
        assertThat(h.journey(ana, second, cardLate).status()).isEqualTo(JourneyStatus.CONVERTED);
    }
}
