package io.cadencerules.examples.collection;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.journey.Journey;
import io.cadencerules.rules.ChannelChoice;
import io.cadencerules.rules.DueStep;
import io.cadencerules.rules.Enrolment;
import io.cadencerules.rules.RuleBook;
import io.cadencerules.rules.Segment;
import io.cadencerules.rules.Skip;
import io.cadencerules.rules.TreatmentPath;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static io.cadencerules.examples.ExampleFacts.SAO_PAULO;
import static io.cadencerules.examples.ExampleFacts.dueStep;
import static io.cadencerules.examples.ExampleFacts.local;
import static io.cadencerules.testkit.CadenceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** collection-segments.drl and collection-actions.drl, rule by rule, in both build modes. */
class CollectionRulesTest {

    private static final LocalDate DUE = LocalDate.of(2026, 3, 18);
    private static final Instant ENROLLED = local(LocalDateTime.of(2026, 3, 10, 9, 0), SAO_PAULO);
    private static final Cadence REGUA = CollectionExample.billCollection();
    private static final Customer ANA = CollectionExample.sampleCustomer("ana", "+5511987654321", "SP");

    private static Enrolment enrolment(String amount) {
        return new Enrolment(ANA, CollectionExample.sampleDebt("inv-1", amount, DUE), REGUA, ENROLLED, SAO_PAULO);
    }

    /** A journey enrolled through the example's engine, so it carries the classification's segments. */
    private static Journey enrolled(Customer customer, String amount) {
        CadenceHarness h = CadenceHarness.startingAt(ENROLLED).configure(CollectionExample::configure).build();
        return h.enroll(customer, CollectionExample.sampleDebt("inv-1", amount, DUE), REGUA);
    }

    private static DueStep due(Customer customer, String amount, String stepId, int dayOffset) {
        return dueStep(enrolled(customer, amount), REGUA, customer, stepId,
                local(DUE.plusDays(dayOffset).atTime(10, 0), SAO_PAULO));
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void a_debt_of_1000_or_more_is_high_balance_on_the_hard_path(RuleBook.Mode mode) {
        RuleBook book = CollectionExample.rules(mode);
        Enrolment large = enrolment("1000.00");

        assertThat(book.evaluate(large)).firedExactly("Debts of R$ 1,000 or more are high balance and take the hard path")
                .concluded(large, Segment.class).extracting(Segment::getName).containsExactly(CollectionExample.HIGH_BALANCE);
        assertThat(book.evaluate(large)).concluded(large, TreatmentPath.class).extracting(TreatmentPath::getName)
                .containsExactly("hard");
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void a_debt_under_1000_takes_the_soft_path_and_under_100_is_a_small_balance(RuleBook.Mode mode) {
        RuleBook book = CollectionExample.rules(mode);
        Enrolment medium = enrolment("999.99");
        Enrolment tiny = enrolment("99.99");

        assertThat(book.evaluate(medium)).firedExactly("Debts under R$ 1,000 take the soft path")
                .concluded(medium, TreatmentPath.class).extracting(TreatmentPath::getName).containsExactly("soft");
        assertThat(book.evaluate(tiny)).fired("Debts under R$ 1,000 take the soft path", "Debts under R$ 100 are small balances")
                .concluded(tiny, Segment.class).extracting(Segment::getName).containsExactly(CollectionExample.SMALL_BALANCE);
        assertThat(book.evaluate(enrolment("100.00"))).didNotFire("Debts under R$ 100 are small balances");
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void the_voice_blast_is_skipped_for_a_small_balance_only(RuleBook.Mode mode) {
        RuleBook book = CollectionExample.rules(mode);
        DueStep tiny = due(ANA, "80.00", "d+3-voice", 3);
        DueStep medium = due(ANA, "500.00", "d+3-voice", 3);

        assertThat(book.evaluate(tiny)).firedExactly("Small balances get no voice blast")
                .concluded(tiny, Skip.class).extracting(Skip::getReason).containsExactly("small-balance");
        assertThat(book.evaluate(medium)).concludedNothing();
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void the_soft_path_gets_the_friendly_overdue_sms_and_the_hard_path_the_standard_one(RuleBook.Mode mode) {
        RuleBook book = CollectionExample.rules(mode);
        DueStep soft = due(ANA, "500.00", "d+1-sms", 1);
        DueStep hard = due(ANA, "1500.00", "d+1-sms", 1);
        DueStep softButOtherStep = due(ANA, "500.00", "d-1-sms", -1);

        assertThat(book.evaluate(soft)).firedExactly("The soft path gets the friendly overdue SMS")
                .concluded(soft, ChannelChoice.class)
                .extracting(ChannelChoice::getChannel, ChannelChoice::getTemplate, ChannelChoice::getRank)
                .containsExactly(tuple(Channel.SMS, "overdue-notice-friendly", 1));
        assertThat(book.evaluate(hard)).concludedNothing();
        assertThat(book.evaluate(softButOtherStep)).concludedNothing();
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void a_customer_without_a_phone_gets_the_sms_by_email(RuleBook.Mode mode) {
        RuleBook book = CollectionExample.rules(mode);
        Customer emailOnly = Customer.builder("bia").email("bia@example.com.br").addressState("SP").build();
        DueStep sms = due(emailOnly, "1500.00", "d-1-sms", -1);

        assertThat(book.evaluate(sms)).firedExactly("A customer without a phone gets the SMS by e-mail")
                .concluded(sms, ChannelChoice.class).extracting(ChannelChoice::getChannel).containsExactly(Channel.EMAIL);
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void the_planned_agent_call_is_skipped_once_an_agent_has_the_customer(RuleBook.Mode mode) {
        RuleBook book = CollectionExample.rules(mode);
        CadenceHarness h = CadenceHarness.startingAt(ENROLLED).configure(CollectionExample::configure).build();
        Debt debt = CollectionExample.sampleDebt("inv-1", "1500.00", DUE);
        h.enroll(ANA, debt, REGUA);
        h.advanceTo(DUE.plusDays(5).atTime(10, 1), SAO_PAULO);
        h.deliver(h.events().pressed("ana", "inv-1", '1'));
        h.advanceTo(DUE.plusDays(5).atTime(12, 0), SAO_PAULO);
        Instant d10 = local(DUE.plusDays(10).atTime(10, 0), SAO_PAULO);
        DueStep afterHandOff = dueStep(h.journey(ANA, debt, REGUA), REGUA, ANA, "d+10-agent", d10);
        DueStep noHandOff = dueStep(enrolled(ANA, "1500.00"), REGUA, ANA, "d+10-agent", d10);

        assertThat(book.evaluate(afterHandOff)).firedExactly("No planned agent call for a customer already handed to an agent")
                .concluded(afterHandOff, Skip.class).extracting(Skip::getReason).containsExactly("already-with-an-agent");
        assertThat(book.evaluate(noHandOff)).concludedNothing();
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void classification_rules_never_fire_on_a_due_step_nor_action_rules_on_an_enrolment(RuleBook.Mode mode) {
        RuleBook book = CollectionExample.rules(mode);
        assertThat(book.evaluate(enrolment("80.00")).fired()).allMatch(rule -> rule.startsWith("Debts"));
        assertThat(book.evaluate(due(ANA, "80.00", "d+3-voice", 3)).fired()).containsExactly("Small balances get no voice blast");
    }
}
