package io.cadencerules.rules;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.Step;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.StepContext;
import io.cadencerules.journey.Journey;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.time.LocalTime;

import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.cadence.Dsl.rule;
import static io.cadencerules.testkit.CadenceAssertions.assertThat;

/** The shipped test book eligibility.drl, rule by rule, through the test kit's EvaluationAssert. */
class EligibilityRulesTest {

    private static final Cadence CADENCE = Cadence.collection("c")
            .step("voice").at(days(4), LocalTime.of(10, 0)).voiceBlast("late")
            .step("sms").at(days(5), LocalTime.of(10, 0)).sms("late")
            .step("agent").at(days(6), LocalTime.of(10, 0)).agentCall("desk").when(rule("balance-over-1000"))
            .build();

    private static DueStep due(Customer customer, String amount, String stepId, Instant now) {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).configure(b -> b.conditions((rule, ctx) -> true)).build();
        Debt debt = Debt.of("inv-1", Money.brl(amount), Fixtures.DUE);
        Journey journey = h.enroll(customer, debt, CADENCE);
        Step step = CADENCE.step(stepId).orElseThrow();
        return new DueStep(new StepContext(journey, CADENCE, step, step.action(),
                customer.first(step.channel().addressType()), customer, 1, false, now));
    }

    private static RuleBook book(RuleBook.Mode mode) {
        return RuleBook.builder("eligibility").mode(mode).classpath("io/cadencerules/rules/eligibility.drl").build();
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void voice_on_a_saturday_for_payroll_is_suppressed_but_not_on_a_weekday(RuleBook.Mode mode) {
        Customer payroll = Customer.builder("p").phone("+5511991110000").zone(Fixtures.SAO_PAULO).segments("payroll").build();
        DueStep saturday = due(payroll, "100.00", "voice", Fixtures.local(4, 10, 0));
        DueStep monday = due(payroll, "100.00", "voice", Fixtures.local(6, 10, 0));

        assertThat(book(mode).evaluate(saturday)).firedExactly("No voice blasts on weekends for the payroll segment")
                .concluded(saturday, Suppress.class).extracting(Suppress::getReason).containsExactly("no-voice-on-weekends");
        assertThat(book(mode).evaluate(monday)).concludedNothing();
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void the_named_condition_holds_only_over_1000(RuleBook.Mode mode) {
        Customer c = Customer.builder("c").phone("+5511991110000").zone(Fixtures.SAO_PAULO).build();
        DueStep large = due(c, "1000.01", "agent", Fixtures.local(6, 10, 0));
        DueStep small = due(c, "1000.00", "agent", Fixtures.local(6, 10, 0));

        assertThat(book(mode).evaluate(large)).fired("Condition balance-over-1000")
                .concluded(large, ConditionHolds.class).extracting(ConditionHolds::getName).containsExactly("balance-over-1000");
        assertThat(book(mode).evaluate(small)).didNotFire("Condition balance-over-1000").concludedNothing();
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void an_sms_to_a_customer_without_phone_goes_by_email(RuleBook.Mode mode) {
        Customer emailOnly = Customer.builder("e").email("e@example.com").zone(Fixtures.SAO_PAULO).build();
        DueStep sms = due(emailOnly, "100.00", "sms", Fixtures.local(5, 10, 0));
        assertThat(book(mode).evaluate(sms)).concluded(sms, ChannelChoice.class)
                .extracting(ChannelChoice::getChannel).containsExactly(Channel.EMAIL);
    }
}
