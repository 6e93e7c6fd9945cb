package io.cadencerules.examples.relationship;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Appointment;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.GenericSubject;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.customer.Subject;
import io.cadencerules.event.CustomEvent;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.policy.PolicyReasons;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static io.cadencerules.channel.Channel.AGENT;
import static io.cadencerules.channel.Channel.EMAIL;
import static io.cadencerules.channel.Channel.SMS;
import static io.cadencerules.channel.Channel.TWO_WAY_SMS;
import static io.cadencerules.examples.ExampleFacts.SAO_PAULO;
import static io.cadencerules.examples.ExampleFacts.localTimes;
import static io.cadencerules.testkit.CadenceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The seven relationship réguas through the engine with their rules and the contact policy. */
class RelationshipExampleTest {

    /** A Monday; the week has no holidays. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 9);

    private final Customer ana = RelationshipExample.sampleCustomer("ana", "+5511987654321", "SP", 2_000);
    private final Customer vip = RelationshipExample.sampleCustomer("vera", "+5511976543210", "SP", 25_000);
    private CadenceHarness h;

    @BeforeEach
    void harness() {
        h = CadenceHarness.startingAt(MONDAY.atTime(8, 0), SAO_PAULO).configure(RelationshipExample::configure).build();
    }

    private void advanceTo(int day, int hour, int minute) {
        h.advanceTo(MONDAY.plusDays(day).atTime(hour, minute), SAO_PAULO);
    }

    private static LocalDateTime on(int day, int hour, int minute) {
        return MONDAY.plusDays(day).atTime(hour, minute);
    }

    private Journey journey(Customer customer, Subject subject, Cadence cadence) {
        return h.journey(customer, subject, cadence);
    }

    @Nested
    class FirstActionAfterAnInboundContact {

        private final Cadence regua = RelationshipExample.afterInbound();
        private final GenericSubject anaRelationship = RelationshipExample.relationshipSubject("ana");

        @Test
        void thanks_the_customer_half_an_hour_after_the_call_and_asks_the_next_day_whether_it_was_solved() {
            h.enroll(ana, anaRelationship, regua);
            advanceTo(0, 9, 0);
            assertThat(h.sentTo("ana")).as("nothing before the inbound contact").isEmpty();

            h.deliver(h.events().inbound("ana", Channel.AGENT));
            advanceTo(1, 12, 0);
            h.deliver(h.events().replied("ana", null, TWO_WAY_SMS, "sim"));
            advanceTo(6, 12, 0);

            assertThat(h.sentTo("ana")).extracting(ContactRequest::stepId, ContactRequest::templateId).containsExactly(
                    tuple("first-action", "after-inbound-thanks"), tuple("check-resolved", "was-it-solved"));
            assertThat(localTimes(h.sentTo("ana"), SAO_PAULO)).containsExactly(on(0, 9, 30), on(1, 10, 0));
            assertThat(journey(ana, anaRelationship, regua)).hasStatus(JourneyStatus.CONVERTED);
        }

        @Test
        void a_no_hands_the_customer_to_customer_care() {
            h.enroll(ana, anaRelationship, regua);
            advanceTo(0, 9, 0);
            h.deliver(h.events().inbound("ana", Channel.AGENT));
            advanceTo(1, 12, 0);

            h.deliver(h.events().replied("ana", null, TWO_WAY_SMS, "Não"));
            advanceTo(1, 13, 0);

            assertThat(h.channel(AGENT).sentTo("ana")).singleElement().extracting(ContactRequest::queue)
                    .isEqualTo(RelationshipExample.CUSTOMER_CARE_QUEUE);
        }

        @Test
        void a_vip_hears_from_customer_care_instead_of_an_sms_the_next_day() {
            GenericSubject veraRelationship = RelationshipExample.relationshipSubject("vera");
            h.enroll(vip, veraRelationship, regua);
            advanceTo(0, 9, 0);
            h.deliver(h.events().inbound("vera", Channel.AGENT));
            advanceTo(2, 12, 0);

            assertThat(h.sentTo("vera")).extracting(ContactRequest::stepId, ContactRequest::channel, ContactRequest::queue)
                    .containsExactly(tuple("first-action", SMS, ""),
                            tuple("check-resolved", AGENT, RelationshipExample.CUSTOMER_CARE_QUEUE));
        }
    }

    @Nested
    class ThankYou {

        private final Cadence regua = RelationshipExample.thankYou();
        private final Lead order = new Lead("order-1", Money.brl("399.90"), "headset");

        @Test
        void thanks_ten_minutes_after_the_purchase_and_asks_for_a_review_three_days_later() {
            h.enroll(ana, order, regua);
            advanceTo(0, 14, 0);

            h.deliver(h.events().converted("ana", "order-1", "purchase"));
            advanceTo(3, 11, 0);
            h.deliver(h.events().clicked("ana", "order-1", "https://loja.example.com.br/avaliar/order-1"));
            advanceTo(8, 12, 0);

            assertThat(h.sentTo("ana")).extracting(ContactRequest::stepId, ContactRequest::channel)
                    .containsExactly(tuple("thank-you", EMAIL), tuple("review-request", EMAIL));
            assertThat(localTimes(h.sentTo("ana"), SAO_PAULO)).containsExactly(on(0, 14, 10), on(3, 10, 0));
            assertThat(journey(ana, order, regua)).hasStatus(JourneyStatus.CONVERTED);
        }

        @Test
        void a_customer_without_email_is_thanked_by_sms() {
            Customer noEmail = Customer.builder("bia").phone("+5511965432109").addressState("SP").build();
            Lead biaOrder = new Lead("order-2", Money.brl("99.90"), "cable");
            h.enroll(noEmail, biaOrder, regua);
            advanceTo(0, 14, 0);

            h.deliver(h.events().converted("bia", "order-2", "purchase"));
            advanceTo(0, 15, 0);

            assertThat(h.channel(SMS).sentTo("bia")).singleElement().extracting(ContactRequest::templateId)
                    .isEqualTo("thank-you-sms");
        }
    }

    @Nested
    class AppointmentReminder {

        private final Cadence regua = RelationshipExample.appointmentReminder();
        /** Thursday 15:00. */
        private final Appointment visit = RelationshipExample.appointment("visit-1", on(3, 15, 0), "Av. Paulista, 1000");

        @Test
        void reminds_two_days_and_one_day_before_when_the_customer_does_not_answer() {
            h.enroll(ana, visit, regua);
            advanceTo(6, 12, 0);

            assertThat(h.sentTo("ana")).extracting(ContactRequest::stepId)
                    .containsExactly("d-2-reminder", "d-1-reminder");
            assertThat(localTimes(h.sentTo("ana"), SAO_PAULO)).containsExactly(on(1, 10, 0), on(2, 10, 0));
        }

        @Test
        void a_confirmation_by_reply_ends_the_reminders() {
            h.enroll(ana, visit, regua);
            advanceTo(1, 10, 30);

            h.deliver(h.events().replied("ana", "visit-1", TWO_WAY_SMS, "SIM"));
            advanceTo(6, 12, 0);

            assertThat(journey(ana, visit, regua)).hasStatus(JourneyStatus.CONVERTED).sentSteps("d-2-reminder");
        }

        @Test
        void remarcar_sends_the_free_slots_and_a_click_on_one_reschedules() {
            h.enroll(ana, visit, regua);
            advanceTo(1, 10, 30);

            h.deliver(h.events().replied("ana", "visit-1", TWO_WAY_SMS, "remarcar"));
            advanceTo(1, 11, 0);
            assertThat(h.channel(EMAIL).sentTo("ana")).singleElement().extracting(ContactRequest::templateId)
                    .isEqualTo("reschedule-options");

            h.deliver(h.events().clicked("ana", "visit-1", "https://agenda.example.com.br/slot/2026-03-13T10:00"));
            advanceTo(6, 12, 0);

            assertThat(journey(ana, visit, regua)).hasStatus(JourneyStatus.CONVERTED)
                    .sentSteps("d-2-reminder", "reschedule-options");
        }

        @Test
        void without_a_choice_of_slot_the_reminder_of_the_booked_visit_still_goes_out() {
            h.enroll(ana, visit, regua);
            advanceTo(1, 10, 30);
            h.deliver(new CustomEvent("web-1", h.now(), "ana", "visit-1", RelationshipExample.RESCHEDULE_REQUESTED, null));

            advanceTo(6, 12, 0);

            assertThat(journey(ana, visit, regua)).sentSteps("d-2-reminder", "reschedule-options", "d-1-reminder");
        }
    }

    @Nested
    class SatisfactionSurvey {

        private final Cadence regua = RelationshipExample.npsSurvey();
        private final GenericSubject repair = RelationshipExample.service("repair-1");

        private void serviceCompletedAndAnswered(String answer) {
            h.enroll(ana, repair, regua);
            advanceTo(0, 10, 0);
            h.deliver(new CustomEvent("done-1", h.now(), "ana", "repair-1", RelationshipExample.SERVICE_COMPLETED, null));
            advanceTo(0, 13, 0);
            if (answer != null) {
                h.deliver(h.events().replied("ana", "repair-1", TWO_WAY_SMS, answer));
            }
            advanceTo(6, 12, 0);
        }

        @Test
        void asks_two_hours_after_the_service_and_reminds_two_days_later_when_unanswered() {
            serviceCompletedAndAnswered(null);

            assertThat(h.sentTo("ana")).extracting(ContactRequest::stepId).containsExactly("nps", "nps-reminder");
            assertThat(localTimes(h.sentTo("ana"), SAO_PAULO)).containsExactly(on(0, 12, 0), on(2, 10, 0));
        }

        @Test
        void a_detractor_is_handed_to_customer_care_and_not_reminded() {
            serviceCompletedAndAnswered("3");

            assertThat(h.sentTo("ana")).extracting(ContactRequest::stepId, ContactRequest::channel)
                    .containsExactly(tuple("nps", TWO_WAY_SMS), tuple("nps", AGENT));
            assertThat(journey(ana, repair, regua)).hasEntry(Kind.SKIPPED, "nps-reminder", "already-answered");
        }

        @Test
        void a_promoter_is_invited_to_write_a_review() {
            serviceCompletedAndAnswered("10");

            assertThat(h.sentTo("ana")).extracting(ContactRequest::stepId).containsExactly("nps", "review-invite");
            assertThat(journey(ana, repair, regua)).hasEntry(Kind.SKIPPED, "nps-reminder", "already-answered");
        }

        @Test
        void a_passive_answer_is_only_recorded() {
            serviceCompletedAndAnswered("8");

            assertThat(h.sentTo("ana")).extracting(ContactRequest::stepId).containsExactly("nps");
            assertThat(journey(ana, repair, regua)).hasEntry(Kind.EVENT, null, "reply-received")
                    .hasEntry(Kind.SKIPPED, "nps-reminder", "already-answered");
        }
    }

    @Nested
    class CommemorativeDate {

        private final Cadence regua = RelationshipExample.commemorativeDate();

        @Test
        void a_birthday_greeting_for_everyone_and_a_gift_coupon_for_vip_customers() {
            GenericSubject anaBirthday = RelationshipExample.occasion("birthday-ana-2026", "birthday", MONDAY.plusDays(2));
            GenericSubject veraBirthday = RelationshipExample.occasion("birthday-vera-2026", "birthday", MONDAY.plusDays(2));
            h.enroll(ana, anaBirthday, regua);
            h.enroll(vip, veraBirthday, regua);

            advanceTo(6, 12, 0);

            assertThat(h.sentTo("ana")).extracting(ContactRequest::channel, ContactRequest::templateId)
                    .containsExactly(tuple(EMAIL, "birthday-greeting"));
            assertThat(h.sentTo("vera")).extracting(ContactRequest::channel, ContactRequest::templateId)
                    .containsExactly(tuple(EMAIL, "birthday-greeting"), tuple(SMS, "commemorative-gift"));
            assertThat(h.channel(SMS).sentTo("vera").get(0).variables()).containsEntry("coupon", "PRESENTE15");
            assertThat(journey(vip, veraBirthday, regua)).wasContactedVia(EMAIL).at(LocalTime.of(9, 0));
        }

        @Test
        void the_customers_day_has_its_own_greeting() {
            GenericSubject customerDay = RelationshipExample.occasion("customer-day-2026", "customer-day", LocalDate.of(2026, 9, 15));
            h.enroll(ana, customerDay, regua);

            h.advanceTo(LocalDateTime.of(2026, 9, 16, 12, 0), SAO_PAULO);

            assertThat(h.sentTo("ana")).extracting(ContactRequest::templateId).containsExactly("customer-day-greeting");
            assertThat(localTimes(h.sentTo("ana"), SAO_PAULO)).containsExactly(LocalDateTime.of(2026, 9, 15, 9, 0));
        }

        @Test
        void a_greeting_due_on_a_sunday_waits_for_monday_morning() {
            GenericSubject sunday = RelationshipExample.occasion("birthday-ana-2026", "birthday", MONDAY.plusDays(6));
            h.enroll(ana, sunday, regua);

            advanceTo(9, 12, 0);

            assertThat(journey(ana, sunday, regua)).hasEntry(Kind.DEFERRED, "greeting", PolicyReasons.OUTSIDE_WINDOW);
            assertThat(localTimes(h.sentTo("ana"), SAO_PAULO)).as("08:00, when the calling hours open")
                    .containsExactly(on(7, 8, 0));
        }
    }

    @Nested
    class RegistrationConfirmation {

        private final Cadence regua = RelationshipExample.registrationConfirmation();
        private final GenericSubject signUp = RelationshipExample.registration("signup-1");

        @Test
        void a_click_on_the_confirmation_link_confirms_at_once() {
            h.enroll(ana, signUp, regua);
            advanceTo(0, 8, 30);

            h.deliver(h.events().clicked("ana", "signup-1", "https://conta.example.com.br/confirmar"));
            advanceTo(6, 12, 0);

            assertThat(journey(ana, signUp, regua)).hasStatus(JourneyStatus.CONVERTED).sentSteps("confirm-email");
            assertThat(localTimes(h.sentTo("ana"), SAO_PAULO)).containsExactly(on(0, 8, 1));
        }

        @Test
        void an_unconfirmed_registration_gets_a_two_way_sms_and_a_yes_confirms_it() {
            h.enroll(ana, signUp, regua);
            advanceTo(1, 11, 0);

            h.deliver(h.events().replied("ana", "signup-1", TWO_WAY_SMS, "Sim"));
            advanceTo(6, 12, 0);

            assertThat(journey(ana, signUp, regua)).hasStatus(JourneyStatus.CONVERTED).sentSteps("confirm-email", "confirm-sms");
        }

        @Test
        void without_an_answer_a_last_reminder_goes_on_day_3_and_a_confirmation_elsewhere_ends_the_journey() {
            h.enroll(ana, signUp, regua);
            advanceTo(3, 12, 0);

            h.deliver(h.events().converted("ana", "signup-1", "registration-confirmed"));
            advanceTo(6, 12, 0);

            assertThat(journey(ana, signUp, regua)).hasStatus(JourneyStatus.CONVERTED)
                    .sentSteps("confirm-email", "confirm-sms", "confirm-reminder");
        }
    }

    @Nested
    class PlanOrPaymentDateChange {

        private final Cadence regua = RelationshipExample.accountChange();

        @Test
        void each_kind_of_change_is_confirmed_with_its_own_template() {
            GenericSubject plan = RelationshipExample.change("plan-1", "plan-change", MONDAY.plusDays(20));
            GenericSubject dueDate = RelationshipExample.change("due-1", "payment-date-change", MONDAY.plusDays(30));
            Customer bia = RelationshipExample.sampleCustomer("bia", "+5511965432109", "SP", 500);
            h.enroll(ana, plan, regua);
            h.enroll(bia, dueDate, regua);

            advanceTo(0, 9, 0);

            assertThat(h.channel(EMAIL).sentTo("ana")).extracting(ContactRequest::templateId).containsExactly("plan-change-confirmation");
            assertThat(h.channel(EMAIL).sentTo("bia")).extracting(ContactRequest::templateId)
                    .containsExactly("payment-date-change-confirmation");
        }

        @Test
        void a_week_later_the_customer_is_asked_and_a_request_for_help_reaches_customer_care() {
            GenericSubject plan = RelationshipExample.change("plan-1", "plan-change", MONDAY.plusDays(20));
            h.enroll(ana, plan, regua);
            advanceTo(7, 11, 0);

            h.deliver(h.events().replied("ana", "plan-1", TWO_WAY_SMS, "ajuda"));
            advanceTo(7, 12, 0);

            assertThat(h.sentTo("ana")).extracting(ContactRequest::stepId, ContactRequest::channel).containsExactly(
                    tuple("change-confirmation", EMAIL), tuple("change-check", TWO_WAY_SMS), tuple("change-check", AGENT));
            assertThat(h.channel(AGENT).sentTo("ana").get(0).queue()).isEqualTo(RelationshipExample.CUSTOMER_CARE_QUEUE);
        }
    }
}
