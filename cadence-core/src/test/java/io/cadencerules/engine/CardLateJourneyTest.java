package io.cadencerules.engine;

import io.cadencerules.Fixtures;
import static io.cadencerules.cadence.Dsl.days;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.Reasons;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static io.cadencerules.Fixtures.DUE;
import static io.cadencerules.Fixtures.SAO_PAULO;
import static io.cadencerules.Fixtures.local;
import static io.cadencerules.channel.Channel.AGENT;
import static io.cadencerules.channel.Channel.EMAIL;
import static io.cadencerules.channel.Channel.OUTBOUND_IVR;
import static io.cadencerules.channel.Channel.SMS;
import static io.cadencerules.channel.Channel.VOICE_BLAST;
import static io.cadencerules.journey.JourneyStatus.ACTIVE;
import static io.cadencerules.journey.JourneyStatus.COMPLETED;
import static io.cadencerules.journey.JourneyStatus.CONVERTED;
import static io.cadencerules.journey.JourneyStatus.PAUSED;
import static io.cadencerules.journey.JourneyStatus.WAITING;
import static io.cadencerules.testkit.CadenceAssertions.assertThat;
import static io.cadencerules.testkit.CadenceDay.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CardLateJourneyTest {

    private final Cadence cardLate = Fixtures.cardLate();
    private final Customer ana = Fixtures.ana();
    private final Debt debt = Fixtures.debt();
    private CadenceHarness h;

    @BeforeEach
    void harness() {
        h = CadenceHarness.startingAt(Fixtures.START).build();
    }

    private Journey journey() {
        return h.journey(ana, debt, cardLate);
    }

    private static LocalDateTime localTime(ContactRequest r, ZoneId zone) {
        return LocalDateTime.ofInstant(r.requestedAt(), zone);
    }

    @Test
    void without_payment_every_step_fires_once_in_order_at_its_local_time() {
        h.enroll(ana, debt, cardLate);
        h.advance(Duration.ofDays(30));

        List<ContactRequest> sent = h.sentTo("c-1");
        assertThat(sent).extracting(ContactRequest::stepId, ContactRequest::channel, r -> localTime(r, SAO_PAULO))
                .containsExactly(
                        tuple("d-3-email", EMAIL, DUE.minusDays(3).atTime(10, 0)),
                        tuple("d0-sms", SMS, DUE.atTime(9, 0)),
                        tuple("d2-voice", VOICE_BLAST, DUE.plusDays(2).atTime(9, 0)),
                        tuple("d5-ivr", OUTBOUND_IVR, DUE.plusDays(5).atTime(9, 0)),
                        tuple("d10-agent", AGENT, DUE.plusDays(10).atTime(9, 0)));
        assertThat(sent).extracting(ContactRequest::attempt).containsOnly(1);
        assertThat(h.duplicateOffers()).isZero();
        assertThat(sent.get(4).queue()).isEqualTo("collections");
        assertThat(sent.get(3).keyMenu()).containsEntry('1', "agent: negotiation");

        assertThat(journey()).hasStatus(WAITING).stoppedAt("d10-agent")
                .sentSteps("d-3-email", "d0-sms", "d2-voice", "d5-ivr", "d10-agent");
        h.advance(Duration.ofDays(20));
        assertThat(journey()).hasStatus(COMPLETED).hasEntry(Kind.COMPLETED, null, Reasons.HORIZON_REACHED);
        assertThat(h.sentTo("c-1")).hasSize(5);
    }

    @Test
    void local_times_follow_the_customers_zone() {
        Customer manaus = Fixtures.customer("c-am", Fixtures.MANAUS, "high-balance");
        h.enroll(manaus, debt, cardLate);
        h.advance(Duration.ofDays(30));

        assertThat(h.sentTo("c-am")).extracting(r -> localTime(r, Fixtures.MANAUS).toLocalTime())
                .containsExactly(LocalTime.of(10, 0), LocalTime.of(9, 0), LocalTime.of(9, 0), LocalTime.of(9, 0),
                        LocalTime.of(9, 0));
        assertThat(h.sentTo("c-am").get(0).requestedAt())
                .isEqualTo(DUE.minusDays(3).atTime(10, 0).atZone(Fixtures.MANAUS).toInstant());
    }

    @Test
    void a_step_whose_segment_condition_fails_is_skipped_with_a_reason() {
        Customer low = Fixtures.customer("c-low", SAO_PAULO);
        h.enroll(low, debt, cardLate);
        h.advance(Duration.ofDays(30));

        Journey j = h.journey(low, debt, cardLate);
        assertThat(j).wasNotContactedVia(AGENT).stoppedAt("d5-ivr")
                .hasEntry(Kind.SKIPPED, "d10-agent", Reasons.CONDITION_NOT_MET);
        assertThat(j.lastStepReached()).contains("d10-agent");
    }

    @Test
    void payment_on_d3_stops_every_later_contact_and_converts_at_d2_voice() {
        h.enroll(ana, debt, cardLate);
        h.advanceTo(local(3, 14, 0));
        h.deliver(h.events().paid("c-1", "inv-9", Money.brl("500.00")));
        h.advance(Duration.ofDays(40));

        Journey j = journey();
        assertThat(j).wasContactedVia(SMS).on(day(0)).at(LocalTime.of(9, 0)).thenStoppedAt("d2-voice").hasStatus(CONVERTED)
                .hasNoContactAfter(local(3, 14, 0));
        assertThat(h.sentTo("c-1")).extracting(ContactRequest::stepId).containsExactly("d-3-email", "d0-sms", "d2-voice");
        assertThat(j.lastChannel()).contains(VOICE_BLAST);
        assertThat(j.history()).extracting(e -> e.kind(), e -> e.stepId(), e -> e.reason()).containsExactly(
                tuple(Kind.ENROLLED, null, Reasons.ENROLLED),
                tuple(Kind.SENT, "d-3-email", Reasons.ACCEPTED),
                tuple(Kind.SENT, "d0-sms", Reasons.ACCEPTED),
                tuple(Kind.SENT, "d2-voice", Reasons.ACCEPTED),
                tuple(Kind.EVENT, null, "payment-received"),
                tuple(Kind.CONVERTED, null, Reasons.GOAL_REACHED));
        assertThat(j.endedAt()).isEqualTo(local(3, 14, 0));
        assertThat(j.due()).isEmpty();
    }

    @Test
    void a_partial_payment_is_recorded_but_does_not_stop_the_cadence() {
        h.enroll(ana, debt, cardLate);
        h.advanceTo(local(3, 14, 0));
        h.deliver(h.events().paidPart("c-1", "inv-9", Money.brl("100.00")));
        h.advance(Duration.ofDays(10));

        assertThat(journey()).hasStatus(WAITING).stoppedAt("d10-agent").hasEntry(Kind.EVENT, null, "payment-received");
    }

    @Test
    void broken_promise_pauses_until_the_promised_date_then_resumes() {
        h.enroll(ana, debt, cardLate);
        h.advanceTo(local(3, 11, 0));
        h.deliver(h.events().promised("c-1", "inv-9", Money.brl("500.00"), DUE.plusDays(7)));
        assertThat(journey()).hasStatus(PAUSED);

        h.advanceTo(local(7, 23, 0));
        assertThat(journey()).hasStatus(PAUSED);
        assertThat(h.sentTo("c-1")).extracting(ContactRequest::stepId).containsExactly("d-3-email", "d0-sms", "d2-voice");

        h.advance(Duration.ofDays(7));
        Journey j = journey();
        assertThat(j).hasEntry(Kind.PAUSED, null, Reasons.PROMISE_TO_PAY).hasEntry(Kind.RESUMED, null, Reasons.PROMISE_BROKEN)
                .stoppedAt("d10-agent");
        assertThat(h.sentTo("c-1")).extracting(ContactRequest::stepId, r -> localTime(r, SAO_PAULO)).containsExactly(
                tuple("d-3-email", DUE.minusDays(3).atTime(10, 0)), tuple("d0-sms", DUE.atTime(9, 0)),
                tuple("d2-voice", DUE.plusDays(2).atTime(9, 0)), tuple("d5-ivr", DUE.plusDays(8).atTime(9, 0)),
                tuple("d10-agent", DUE.plusDays(13).atTime(9, 0)));
        HistoryEntryTimes.assertResumedAt(j, local(8, 0, 0));
        assertThat(j.delayDays()).as("the promise delayed the rest of the régua by three days").isEqualTo(3);
    }

    @Test
    void a_broken_promise_delays_the_rest_of_the_regua_keeping_its_spacing() {
        h.enroll(ana, debt, cardLate);
        h.advanceTo(local(-1, 10, 0));
        h.deliver(h.events().promised("c-1", "inv-9", Money.brl("500.00"), DUE.plusDays(4)));
        h.advance(Duration.ofDays(30));

        assertThat(h.sentTo("c-1")).extracting(ContactRequest::stepId, r -> localTime(r, SAO_PAULO)).containsExactly(
                tuple("d-3-email", DUE.minusDays(3).atTime(10, 0)),
                tuple("d0-sms", DUE.plusDays(5).atTime(9, 0)),
                tuple("d2-voice", DUE.plusDays(7).atTime(9, 0)),
                tuple("d5-ivr", DUE.plusDays(10).atTime(9, 0)),
                tuple("d10-agent", DUE.plusDays(15).atTime(9, 0)));
        assertThat(journey()).hasStatus(WAITING);
    }

    @Test
    void kept_promise_converts_and_nothing_more_is_sent() {
        h.enroll(ana, debt, cardLate);
        h.advanceTo(local(3, 11, 0));
        h.deliver(h.events().promised("c-1", "inv-9", Money.brl("500.00"), DUE.plusDays(7)));
        h.advanceTo(local(6, 15, 0));
        h.deliver(h.events().paid("c-1", "inv-9", Money.brl("500.00")));
        h.advance(Duration.ofDays(20));

        assertThat(journey()).hasStatus(CONVERTED).stoppedAt("d2-voice").hasNoContactAfter(local(3, 11, 0));
        assertThat(h.sentTo("c-1")).hasSize(3);
    }

    @Test
    void enrolling_after_some_steps_were_due_skips_them_as_before_enrolment() {
        h.advanceTo(local(1, 12, 0)); // D0's 09:00 SMS is now 27 h late, beyond the default 1-day lateness
        h.enroll(ana, debt, cardLate);
        h.advance(Duration.ofDays(3));

        assertThat(journey()).hasEntry(Kind.SKIPPED, "d-3-email", Reasons.BEFORE_ENROLMENT)
                .hasEntry(Kind.SKIPPED, "d0-sms", Reasons.BEFORE_ENROLMENT).sentSteps("d2-voice").hasStatus(ACTIVE);
    }

    @Test
    void a_day_offset_step_is_not_sent_once_its_local_day_is_over() {
        Cadence prevention = Cadence.collection("prevention")
                .step("d-1-sms").at(days(-1), LocalTime.of(9, 0)).sms("due-tomorrow")
                .step("d0-sms").at(days(0), LocalTime.of(10, 0)).sms("due-today")
                .build();
        h.advanceTo(local(0, 8, 0)); // 23 h after the D-1 SMS was due: within max lateness, but a day too late
        h.enroll(ana, debt, prevention);
        h.advance(Duration.ofDays(1));

        assertThat(h.journey(ana, debt, prevention)).hasEntry(Kind.SKIPPED, "d-1-sms", Reasons.BEFORE_ENROLMENT)
                .sentSteps("d0-sms");
    }

    @Test
    void a_step_found_after_midnight_by_an_engine_that_was_down_is_stale() {
        Cadence prevention = Cadence.collection("prevention")
                .step("d-1-sms").at(days(-1), LocalTime.of(20, 0)).sms("due-tomorrow")
                .step("d0-sms").at(days(0), LocalTime.of(10, 0)).sms("due-today")
                .build();
        h.enroll(ana, debt, prevention);
        h.advanceTo(local(-1, 19, 0));
        h.clock().set(local(0, 1, 0)); // down from 19:00 to 01:00
        h.advance(Duration.ofDays(1));

        assertThat(h.journey(ana, debt, prevention)).hasEntry(Kind.SKIPPED, "d-1-sms", Reasons.STALE).sentSteps("d0-sms");
    }

    @Test
    void a_due_step_found_much_later_is_skipped_as_stale() {
        h.enroll(ana, debt, cardLate);
        h.clock().set(local(4, 12, 0)); // the engine was down from D-9 to D+4
        h.engine().runDue();

        assertThat(journey()).hasEntry(Kind.SKIPPED, "d-3-email", Reasons.STALE)
                .hasEntry(Kind.SKIPPED, "d0-sms", Reasons.STALE).hasEntry(Kind.SKIPPED, "d2-voice", Reasons.STALE);
        assertThat(h.sentTo("c-1")).isEmpty();
        h.advance(Duration.ofDays(2));
        assertThat(journey()).sentSteps("d5-ivr");
        assertThat(LocalDate.ofInstant(h.sentTo("c-1").get(0).requestedAt(), SAO_PAULO)).isEqualTo(DUE.plusDays(5));
    }
}
