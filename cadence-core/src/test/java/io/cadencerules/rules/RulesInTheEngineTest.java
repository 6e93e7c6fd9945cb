package io.cadencerules.rules;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.journey.Reasons;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;

import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.cadence.Dsl.rule;
import static io.cadencerules.cadence.Dsl.segment;
import static io.cadencerules.testkit.CadenceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RulesInTheEngineTest {

    /** One régua, two treatment paths chosen by the classification rules. */
    private static final Cadence TWO_PATHS = Cadence.collection("two-paths")
            .step("soft-sms").at(days(1), LocalTime.of(10, 0)).sms("friendly-reminder").when(segment("path:soft"))
            .step("hard-ivr").at(days(1), LocalTime.of(11, 0)).outboundIvr("negotiate").when(segment("path:hard"))
            .step("north-agent").at(days(2), LocalTime.of(10, 0)).agentCall("north-desk").when(segment("north"))
            .step("big-agent").at(days(3), LocalTime.of(10, 0)).agentCall("collections").when(rule("balance-over-1000"))
            .build();

    private static CadenceHarness harness(RuleBook.Mode mode) {
        RuleBook book = RuleBook.builder("collections").mode(mode)
                .classpath("io/cadencerules/rules/segmentation.drl", "io/cadencerules/rules/eligibility.drl").build();
        RulesStage rules = new RulesStage(book);
        return CadenceHarness.startingAt(Fixtures.START)
                .configure(b -> b.classifier(new RulesClassifier(() -> book)).eligibility(rules).conditions(rules))
                .build();
    }

    private static Customer customer(String id, String phone) {
        return Customer.builder(id).phone(phone).email(id + "@example.com").zone(Fixtures.SAO_PAULO).build();
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void segmentation_rules_route_each_customer_to_its_treatment_path(RuleBook.Mode mode) {
        CadenceHarness h = harness(mode);
        Customer small = customer("small", "+5511991110000");
        Customer large = customer("large", "+5511992220000");
        Customer northern = customer("northern", "+5592993330000");
        Debt smallDebt = Debt.of("inv-s", Money.brl("300.00"), Fixtures.DUE);
        Debt largeDebt = Debt.of("inv-l", Money.brl("4000.00"), Fixtures.DUE);
        Debt northDebt = Debt.of("inv-n", Money.brl("200.00"), Fixtures.DUE);
        h.enroll(small, smallDebt, TWO_PATHS);
        h.enroll(large, largeDebt, TWO_PATHS);
        h.enroll(northern, northDebt, TWO_PATHS);
        h.advance(Duration.ofDays(20));

        assertThat(h.journey(small, smallDebt, TWO_PATHS).segments()).containsExactly("path:soft");
        assertThat(h.journey(large, largeDebt, TWO_PATHS).segments()).containsExactlyInAnyOrder("path:hard", "high-balance");
        assertThat(h.journey(northern, northDebt, TWO_PATHS).segments()).containsExactlyInAnyOrder("path:soft", "north");
        assertThat(h.journey(small, smallDebt, TWO_PATHS)).sentSteps("soft-sms");
        assertThat(h.journey(large, largeDebt, TWO_PATHS)).sentSteps("hard-ivr", "big-agent");
        assertThat(h.journey(northern, northDebt, TWO_PATHS)).sentSteps("soft-sms", "north-agent")
                .hasEntry(Kind.SKIPPED, "big-agent", Reasons.CONDITION_NOT_MET);
        assertThat(h.journey(large, largeDebt, TWO_PATHS).history().get(0).detail())
                .isEqualTo("path hard (rule 'Large debts take the hard path'); segments high-balance");
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void a_suppression_rule_blocks_the_step_with_the_rule_named_in_the_history(RuleBook.Mode mode) {
        CadenceHarness h = harness(mode);
        Cadence voice = Cadence.collection("voice")
                .step("d4-voice").at(days(4), LocalTime.of(10, 0)).voiceBlast("late-notice") // 2026-03-14 is a Saturday
                .step("d5-sms").at(days(5), LocalTime.of(10, 0)).sms("late")
                .build();
        Customer payroll = Customer.builder("p1").phone("+5511991110000").zone(Fixtures.SAO_PAULO).segments("payroll").build();
        Customer other = customer("o1", "+5511992220000");
        Debt debt = Fixtures.debt();
        assertThat(LocalDate.of(2026, 3, 14).getDayOfWeek()).hasToString("SATURDAY");
        h.enroll(payroll, debt, voice);
        h.enroll(other, debt, voice);
        h.advance(Duration.ofDays(20));

        Journey blocked = h.journey(payroll, debt, voice);
        assertThat(blocked.history()).filteredOn(e -> e.kind() == Kind.BLOCKED)
                .extracting(HistoryEntry::stepId, HistoryEntry::reason, HistoryEntry::detail)
                .containsExactly(tuple("d4-voice", "no-voice-on-weekends", "rule 'No voice blasts on weekends for the payroll segment'"));
        assertThat(blocked).sentSteps("d5-sms");
        assertThat(h.journey(other, debt, voice)).sentSteps("d4-voice", "d5-sms");
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void rules_choose_another_channel_and_stop_journeys(RuleBook.Mode mode) {
        CadenceHarness h = harness(mode);
        Cadence cadence = Cadence.collection("sms-then-agents")
                .step("d1-sms").at(days(1), LocalTime.of(10, 0)).sms("late")
                .step("a1").at(days(2)).agentCall("desk")
                .step("a2").at(days(3)).agentCall("desk")
                .step("a3").at(days(4)).agentCall("desk")
                .step("a4").at(days(5)).agentCall("desk")
                .step("a5").at(days(6)).agentCall("desk")
                .build();
        Customer emailOnly = Customer.builder("e1").email("e1@example.com").zone(Fixtures.SAO_PAULO).build();
        Customer phone = customer("p1", "+5511991110000");
        Debt debt = Fixtures.debt();
        h.enroll(emailOnly, debt, cadence);
        h.enroll(phone, debt, cadence);
        h.advance(Duration.ofDays(20));

        assertThat(h.channel(Channel.EMAIL).sentTo("e1")).extracting(ContactRequest::stepId, ContactRequest::templateId)
                .containsExactly(tuple("d1-sms", "late"));
        Journey stopped = h.journey(phone, debt, cadence);
        assertThat(stopped).hasStatus(JourneyStatus.EXITED).sentSteps("d1-sms", "a1", "a2", "a3")
                .hasEntry(Kind.EXITED, "a4", "agent-calls-exhausted");
    }
}
