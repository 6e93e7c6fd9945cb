package io.cadencerules.policy;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.ChannelAction;
import io.cadencerules.cadence.Step;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.GenericSubject;
import io.cadencerules.customer.Money;
import io.cadencerules.customer.Subject;
import io.cadencerules.engine.StepContext;
import io.cadencerules.engine.Verdict;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.policy.ResponseTable.Rate;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;

import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The cost-aware channel choice: among a step's current channel and its remaining fallbacks, the one
 * with the highest probability × value − cost (agent R$ 12.00, SMS R$ 0.08 in the standard table).
 */
class ChannelChoiceTest {

    private final Customer ana = Fixtures.ana();
    private final Cadence agentOrSms = Cadence.collection("late")
            .step("d10").at(days(10), LocalTime.of(10, 0)).agentCall("collections").fallbackTo(Channel.SMS, "late-sms")
            .build();
    private final Step step = agentOrSms.steps().get(0);
    /** Agent converts 10% of contacts, SMS 1%. */
    private final ResponseTable agentWorks = ResponseTable.of("agent-works", Rate.of(Channel.AGENT, 0.10), Rate.of(Channel.SMS, 0.01));

    private static Budget budget(ResponseModel model) {
        return Budget.builder().responseModel(model).build();
    }

    /** The context the stage sees for the step, on the given action. */
    private StepContext contact(Customer customer, Subject subject, ChannelAction action) {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        Journey journey = h.enroll(customer, subject, agentOrSms);
        return new StepContext(journey, agentOrSms, step, action, customer.first(ContactPoint.Type.PHONE), customer, 1, false,
                h.now());
    }

    private static Debt debt(String amount) {
        return Debt.of("inv-9", Money.brl(amount), Fixtures.DUE);
    }

    @Test
    void explain_ranks_the_options_by_expected_value_minus_cost() {
        Budget budget = budget(agentWorks);
        assertThat(budget.explain(contact(ana, debt("500.00"), step.action())))
                .extracting(o -> o.action().channel(), Budget.ChannelOption::route, Budget.ChannelOption::probability,
                        o -> o.cost().amount().toPlainString(), o -> o.expectedValue().amount().toPlainString())
                .containsExactly(
                        tuple(Channel.AGENT, 0, 0.10, "12.00", "38.00"),
                        tuple(Channel.SMS, 1, 0.01, "0.08", "4.92"));
        assertThat(budget.explain(contact(ana, debt("50.00"), step.action())))
                .extracting(o -> o.action().channel(), o -> o.expectedValue().amount().toPlainString())
                .containsExactly(tuple(Channel.SMS, "0.42"), tuple(Channel.AGENT, "-7.00"));
    }

    @Test
    void the_stage_keeps_the_agent_for_a_large_debt_and_switches_to_sms_for_a_small_one() {
        Budget budget = budget(agentWorks);
        assertThat(budget.channelChoice().decide(contact(ana, debt("500.00"), step.action()))).isEqualTo(Verdict.proceed());
        assertThat(budget.channelChoice().decide(contact(ana, debt("50.00"), step.action())))
                .isEqualTo(Verdict.proceedWith(step.fallbacks().get(0)));
    }

    @Test
    void the_choice_switches_when_the_response_table_changes() {
        ResponseTable agentRarelyWorks = ResponseTable.of("agent-rarely", Rate.of(Channel.AGENT, 0.02), Rate.of(Channel.SMS, 0.01));
        StepContext large = contact(ana, debt("500.00"), step.action());
        assertThat(budget(agentWorks).channelChoice().decide(large)).isEqualTo(Verdict.proceed());
        assertThat(budget(agentRarelyWorks).channelChoice().decide(large)).isEqualTo(Verdict.proceedWith(step.fallbacks().get(0)));
        assertThat(budget(agentRarelyWorks).explain(large)).extracting(o -> o.expectedValue().amount().toPlainString())
                .containsExactly("4.92", "-2.00");
    }

    @Test
    void the_customers_segment_picks_its_rate() {
        ResponseTable bySegment = ResponseTable.of("by-segment", Rate.of(Channel.AGENT, 0.02),
                Rate.of(Channel.AGENT, "high-balance", 0.10), Rate.of(Channel.SMS, 0.01));
        Customer plain = Fixtures.customer("c-2", Fixtures.SAO_PAULO);
        Budget budget = budget(bySegment);
        assertThat(budget.channelChoice().decide(contact(ana, debt("500.00"), step.action()))).isEqualTo(Verdict.proceed());
        assertThat(budget.channelChoice().decide(contact(plain, debt("500.00"), step.action())))
                .isEqualTo(Verdict.proceedWith(step.fallbacks().get(0)));
    }

    @Test
    void in_the_engine_the_choice_sends_the_agent_call_or_the_sms_by_the_debt() {
        Budget budget = budget(agentWorks);
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START)
                .configure(b -> b.eligibility(budget.channelChoice()).budget(budget.caps())).build();
        Debt large = Debt.of("inv-large", Money.brl("500.00"), Fixtures.DUE);
        Debt small = Debt.of("inv-small", Money.brl("50.00"), Fixtures.DUE);
        h.enroll(ana, large, agentOrSms);
        h.enroll(ana, small, agentOrSms);
        h.advance(Duration.ofDays(25));

        assertThat(h.journey(ana, large, agentOrSms).entries(Kind.SENT)).extracting(HistoryEntry::channel, HistoryEntry::cost)
                .containsExactly(tuple(Channel.AGENT, Money.brl("12.00")));
        assertThat(h.journey(ana, small, agentOrSms).entries(Kind.SENT)).extracting(HistoryEntry::channel, HistoryEntry::cost)
                .containsExactly(tuple(Channel.SMS, Money.brl("0.08")));
        assertThat(budget.ledger().entries(SpendQuery.all())).extracting(SpendEntry::stepId, SpendEntry::channel)
                .containsExactlyInAnyOrder(tuple("d10", Channel.AGENT), tuple("d10", Channel.SMS));
    }

    @Test
    void on_a_fallback_route_only_the_remaining_fallbacks_are_weighed() {
        Budget budget = budget(agentWorks);
        ChannelAction sms = step.fallbacks().get(0);
        assertThat(budget.explain(contact(ana, debt("500.00"), sms))).extracting(o -> o.action().channel())
                .containsExactly(Channel.SMS);
        assertThat(budget.channelChoice().decide(contact(ana, debt("500.00"), sms))).isEqualTo(Verdict.proceed());
    }

    @Test
    void an_action_another_stage_chose_is_left_alone() {
        Budget budget = budget(agentWorks);
        ChannelAction whatsapp = ChannelAction.of(Channel.WHATSAPP, "late-wa");
        assertThat(budget.explain(contact(ana, debt("50.00"), whatsapp))).isEmpty();
        assertThat(budget.channelChoice().decide(contact(ana, debt("50.00"), whatsapp))).isEqualTo(Verdict.proceed());
    }

    @Test
    void without_a_value_the_step_keeps_its_channel_unless_the_cadence_has_a_default_value() {
        GenericSubject noValue = new GenericSubject("survey-1", "survey", Fixtures.DUE, null, Map.of());
        assertThat(budget(agentWorks).explain(contact(ana, noValue, step.action()))).isEmpty();
        assertThat(budget(agentWorks).channelChoice().decide(contact(ana, noValue, step.action()))).isEqualTo(Verdict.proceed());

        Budget withDefault = Budget.builder().responseModel(agentWorks).defaultValue("late", Money.brl("50.00")).build();
        assertThat(withDefault.channelChoice().decide(contact(ana, noValue, step.action())))
                .isEqualTo(Verdict.proceedWith(step.fallbacks().get(0)));
    }

    @Test
    void a_step_without_fallbacks_has_nothing_to_choose() {
        Cadence smsOnly = Cadence.collection("sms-only").step("d1").at(days(1)).sms("late").build();
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        Journey journey = h.enroll(ana, debt("500.00"), smsOnly);
        Step only = smsOnly.steps().get(0);
        StepContext ctx = new StepContext(journey, smsOnly, only, only.action(), ana.first(ContactPoint.Type.PHONE), ana, 1,
                false, h.now());
        assertThat(budget(agentWorks).explain(ctx)).isEmpty();
    }

    @Test
    void a_probability_outside_zero_to_one_is_an_error_naming_the_channel() {
        Budget budget = budget((contact, channel) -> channel == Channel.SMS ? 1.5 : 0.1);
        assertThatThrownBy(() -> budget.explain(contact(ana, debt("500.00"), step.action())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("gave SMS a probability of 1.5, outside 0 to 1");
    }

    @Test
    void a_learned_model_moves_the_choice_once_the_agent_is_seen_not_to_convert() {
        LearnedResponseModel learned = new LearnedResponseModel(agentWorks, 10);
        Budget budget = budget(learned);
        StepContext large = contact(ana, debt("500.00"), step.action());
        assertThat(budget.channelChoice().decide(large)).isEqualTo(Verdict.proceed());

        for (int i = 0; i < 100; i++) {
            learned.onEntry(large.journey(), new HistoryEntry(large.now(), Kind.SENT, "d10", Channel.AGENT, 1, "accepted", "", null));
        }
        // agent: (0 + 10 × 0.10) / (100 + 10) ≈ 0.009 → 4.55 − 12.00 < SMS 4.92
        assertThat(budget.channelChoice().decide(large)).isEqualTo(Verdict.proceedWith(step.fallbacks().get(0)));
    }
}
