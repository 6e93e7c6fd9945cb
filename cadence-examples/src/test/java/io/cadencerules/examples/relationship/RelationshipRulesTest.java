package io.cadencerules.examples.relationship;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.GenericSubject;
import io.cadencerules.customer.Subject;
import io.cadencerules.event.CustomEvent;
import io.cadencerules.rules.ChannelChoice;
import io.cadencerules.rules.DueStep;
import io.cadencerules.rules.Enrolment;
import io.cadencerules.rules.HandOff;
import io.cadencerules.rules.RuleBook;
import io.cadencerules.rules.Segment;
import io.cadencerules.rules.Skip;
import io.cadencerules.rules.TreatmentPath;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.time.LocalDate;

import static io.cadencerules.channel.Channel.TWO_WAY_SMS;
import static io.cadencerules.examples.ExampleFacts.SAO_PAULO;
import static io.cadencerules.examples.ExampleFacts.dueStep;
import static io.cadencerules.examples.ExampleFacts.local;
import static io.cadencerules.testkit.CadenceAssertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** relationship-segments.drl and relationship-actions.drl, rule by rule, in both build modes. */
class RelationshipRulesTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 9);
    private static final Instant ENROLLED = local(MONDAY.atTime(8, 0), SAO_PAULO);
    private static final Instant LATER = local(MONDAY.plusDays(2).atTime(10, 0), SAO_PAULO);
    private static final Customer ANA = RelationshipExample.sampleCustomer("ana", "+5511987654321", "SP", 9_999);
    private static final Customer VERA = RelationshipExample.sampleCustomer("vera", "+5511976543210", "SP", 10_000);

    private static Enrolment enrolment(Customer customer, Subject subject, Cadence cadence) {
        return new Enrolment(customer, subject, cadence, ENROLLED, SAO_PAULO);
    }

    private static CadenceHarness harness() {
        return CadenceHarness.startingAt(ENROLLED).configure(RelationshipExample::configure).build();
    }

    /** The due step of a journey enrolled through the example's engine, so it carries the classification's tags. */
    private static DueStep due(Customer customer, Subject subject, Cadence cadence, String stepId) {
        return dueStep(harness().enroll(customer, subject, cadence), cadence, customer, stepId, LATER);
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void a_lifetime_value_of_10000_or_more_makes_a_vip(RuleBook.Mode mode) {
        RuleBook book = RelationshipExample.rules(mode);
        GenericSubject signUp = RelationshipExample.registration("signup-1");
        Enrolment vera = enrolment(VERA, signUp, RelationshipExample.registrationConfirmation());

        assertThat(book.evaluate(vera)).firedExactly("Customers worth R$ 10,000 or more are VIP")
                .concluded(vera, Segment.class).extracting(Segment::getName).containsExactly(RelationshipExample.VIP);
        assertThat(book.evaluate(enrolment(ANA, signUp, RelationshipExample.registrationConfirmation()))).concludedNothing();
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void the_occasion_and_the_kind_of_change_give_the_path(RuleBook.Mode mode) {
        RuleBook book = RelationshipExample.rules(mode);
        Enrolment birthday = enrolment(ANA, RelationshipExample.occasion("b", "birthday", MONDAY),
                RelationshipExample.commemorativeDate());
        Enrolment customerDay = enrolment(ANA, RelationshipExample.occasion("c", "customer-day", MONDAY),
                RelationshipExample.commemorativeDate());
        Enrolment payment = enrolment(ANA, RelationshipExample.change("p", "payment-date-change", MONDAY),
                RelationshipExample.accountChange());
        Enrolment plan = enrolment(ANA, RelationshipExample.change("q", "plan-change", MONDAY),
                RelationshipExample.accountChange());

        assertThat(book.evaluate(birthday)).firedExactly("A birthday")
                .concluded(birthday, TreatmentPath.class).extracting(TreatmentPath::getName).containsExactly("birthday");
        assertThat(book.evaluate(customerDay)).firedExactly("Customer's day (15 September)")
                .concluded(customerDay, TreatmentPath.class).extracting(TreatmentPath::getName).containsExactly("customer-day");
        assertThat(book.evaluate(payment)).firedExactly("A change of payment date")
                .concluded(payment, TreatmentPath.class).extracting(TreatmentPath::getName).containsExactly("payment-date");
        assertThat(book.evaluate(plan)).firedExactly("A change of plan")
                .concluded(plan, TreatmentPath.class).extracting(TreatmentPath::getName).containsExactly("plan");
        assertThat(book.evaluate(enrolment(ANA, RelationshipExample.occasion("d", "birthday", MONDAY),
                RelationshipExample.accountChange()))).as("an occasion only in its own régua").concludedNothing();
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void a_vip_hears_from_customer_care_after_an_inbound_contact(RuleBook.Mode mode) {
        RuleBook book = RelationshipExample.rules(mode);
        Cadence regua = RelationshipExample.afterInbound();
        DueStep vera = due(VERA, RelationshipExample.relationshipSubject("vera"), regua, "check-resolved");
        DueStep ana = due(ANA, RelationshipExample.relationshipSubject("ana"), regua, "check-resolved");

        assertThat(book.evaluate(vera)).firedExactly("VIP customers hear from customer care after an inbound contact")
                .concluded(vera, HandOff.class).extracting(HandOff::getQueue).containsExactly(RelationshipExample.CUSTOMER_CARE_QUEUE);
        assertThat(book.evaluate(ana)).concludedNothing();
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void each_occasion_and_change_gets_its_template(RuleBook.Mode mode) {
        RuleBook book = RelationshipExample.rules(mode);
        DueStep birthday = due(ANA, RelationshipExample.occasion("b", "birthday", MONDAY.plusDays(2)),
                RelationshipExample.commemorativeDate(), "greeting");
        DueStep customerDay = due(ANA, RelationshipExample.occasion("c", "customer-day", MONDAY.plusDays(2)),
                RelationshipExample.commemorativeDate(), "greeting");
        DueStep payment = due(ANA, RelationshipExample.change("p", "payment-date-change", MONDAY),
                RelationshipExample.accountChange(), "change-confirmation");
        DueStep plan = due(ANA, RelationshipExample.change("q", "plan-change", MONDAY),
                RelationshipExample.accountChange(), "change-confirmation");

        assertThat(book.evaluate(birthday)).firedExactly("The birthday greeting").concluded(birthday, ChannelChoice.class)
                .extracting(ChannelChoice::getChannel, ChannelChoice::getTemplate).containsExactly(tuple(Channel.EMAIL, "birthday-greeting"));
        assertThat(book.evaluate(customerDay)).firedExactly("The customer's day greeting").concluded(customerDay, ChannelChoice.class)
                .extracting(ChannelChoice::getTemplate).containsExactly("customer-day-greeting");
        assertThat(book.evaluate(payment)).firedExactly("A payment-date change is confirmed with its own template")
                .concluded(payment, ChannelChoice.class).extracting(ChannelChoice::getTemplate)
                .containsExactly("payment-date-change-confirmation");
        assertThat(book.evaluate(plan)).as("a plan change keeps the step's template").concludedNothing();
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void the_survey_reminder_is_skipped_once_the_customer_answered(RuleBook.Mode mode) {
        RuleBook book = RelationshipExample.rules(mode);
        Cadence survey = RelationshipExample.npsSurvey();
        GenericSubject repair = RelationshipExample.service("repair-1");
        CadenceHarness h = harness();
        h.enroll(ANA, repair, survey);
        h.advanceTo(MONDAY.atTime(10, 0), SAO_PAULO);
        h.deliver(new CustomEvent("done-1", h.now(), "ana", "repair-1", RelationshipExample.SERVICE_COMPLETED, null));
        h.advanceTo(MONDAY.atTime(13, 0), SAO_PAULO);
        DueStep unanswered = dueStep(h.journey(ANA, repair, survey), survey, ANA, "nps-reminder", LATER);
        h.deliver(h.events().replied("ana", "repair-1", TWO_WAY_SMS, "8"));
        DueStep answered = dueStep(h.journey(ANA, repair, survey), survey, ANA, "nps-reminder", LATER);

        assertThat(book.evaluate(answered)).firedExactly("No survey reminder once the customer answered")
                .concluded(answered, Skip.class).extracting(Skip::getReason).containsExactly("already-answered");
        assertThat(book.evaluate(unanswered)).concludedNothing();
    }
}
