package io.cadencerules.policy;

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
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;

import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Issue 5, must show: a budget of 2% of a R$ 500 debt (R$ 10.00). The régua sends an SMS on D+1
 * (R$ 0.08) and a voice blast on D+3 (R$ 0.12), then wants an agent call on D+10 (4 minutes at
 * R$ 3.00 = R$ 12.00) with an SMS fallback: R$ 0.20 + R$ 12.00 would break the cap.
 */
class BudgetMustShowTest {

    private static final String CAP_DETAIL =
            "account c-1/inv-1 (2% of BRL 500.00): spent BRL 0.20 of BRL 10.00, this contact BRL 12.00";

    private final Customer ana = Fixtures.ana();
    private final Debt debt = Debt.of("inv-1", Money.brl("500.00"), Fixtures.DUE);
    private final Cadence regua = Cadence.collection("late-500")
            .step("d1-sms").at(days(1), LocalTime.of(10, 0)).sms("late-1")
            .step("d3-voice").at(days(3), LocalTime.of(10, 0)).voiceBlast("late-3")
            .step("d10-agent").at(days(10), LocalTime.of(10, 0)).agentCall("collections")
            .fallbackTo(Channel.SMS, "late-10-sms")
            .build();

    private Budget budget(Budget.Exhaustion mode) {
        return Budget.builder().perAccountPercentOfValue(new BigDecimal("2")).onExhaustion("late-500", mode).build();
    }

    private Journey run(Budget budget, Debt subject) {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).configure(b -> b.budget(budget.caps())).build();
        h.enroll(ana, subject, regua);
        h.advance(Duration.ofDays(25));
        return h.journey(ana, subject, regua);
    }

    private static void assertMoney(Money actual, String expected) {
        assertThat(actual.currency()).isEqualTo(Money.BRL);
        assertThat(actual.amount()).isEqualByComparingTo(expected);
    }

    @Test
    void skip_step_skips_the_expensive_agent_call_and_the_ledger_shows_no_agent_spend() {
        Budget budget = budget(Budget.Exhaustion.SKIP_STEP);
        Journey journey = run(budget, debt);

        assertThat(journey.history()).filteredOn(e -> e.kind().isStepDecision())
                .extracting(HistoryEntry::kind, HistoryEntry::stepId, HistoryEntry::channel, HistoryEntry::reason)
                .containsExactly(
                        tuple(Kind.SENT, "d1-sms", Channel.SMS, "accepted"),
                        tuple(Kind.SENT, "d3-voice", Channel.VOICE_BLAST, "accepted"),
                        tuple(Kind.SKIPPED, "d10-agent", Channel.AGENT, Budget.EXHAUSTED));
        assertThat(journey.entries(Kind.SKIPPED)).extracting(HistoryEntry::detail).containsExactly(CAP_DETAIL);
        assertThat(journey.entries(Kind.SENT)).extracting(e -> e.cost().amount().toPlainString())
                .containsExactly("0.08", "0.12");

        SpendLedger ledger = budget.ledger();
        assertThat(ledger.entries(SpendQuery.all().journey(journey.id())))
                .extracting(SpendEntry::stepId, SpendEntry::channel, SpendEntry::status,
                        e -> e.estimated().amount().toPlainString(), e -> e.actual().amount().toPlainString())
                .containsExactly(
                        tuple("d1-sms", Channel.SMS, SpendEntry.Status.BOOKED, "0.08", "0.08"),
                        tuple("d3-voice", Channel.VOICE_BLAST, SpendEntry.Status.BOOKED, "0.12", "0.12"));
        assertMoney(ledger.spentByAccount("c-1", "inv-1"), "0.20");
        assertThat(ledger.spentByAccount("c-1", "inv-1").amount()).isLessThanOrEqualTo(new BigDecimal("10.00"));
        assertThat(journey.status()).isNotEqualTo(JourneyStatus.EXITED);
    }

    @Test
    void cheaper_channel_sends_the_sms_fallback_instead_and_the_ledger_shows_it() {
        Budget budget = budget(Budget.Exhaustion.CHEAPER_CHANNEL);
        Journey journey = run(budget, debt);

        assertThat(journey.history()).filteredOn(e -> e.kind().isStepDecision())
                .extracting(HistoryEntry::kind, HistoryEntry::stepId, HistoryEntry::channel, HistoryEntry::reason)
                .containsExactly(
                        tuple(Kind.SENT, "d1-sms", Channel.SMS, "accepted"),
                        tuple(Kind.SENT, "d3-voice", Channel.VOICE_BLAST, "accepted"),
                        tuple(Kind.SKIPPED, "d10-agent", Channel.AGENT, Budget.EXHAUSTED),
                        tuple(Kind.SENT, "d10-agent", Channel.SMS, "accepted"));
        assertThat(journey.entries(Kind.SKIPPED)).extracting(HistoryEntry::detail).containsExactly(CAP_DETAIL);

        SpendLedger ledger = budget.ledger();
        assertThat(ledger.entries(SpendQuery.all().journey(journey.id())))
                .extracting(SpendEntry::stepId, SpendEntry::channel, SpendEntry::status,
                        e -> e.estimated().amount().toPlainString(), e -> e.actual().amount().toPlainString())
                .containsExactly(
                        tuple("d1-sms", Channel.SMS, SpendEntry.Status.BOOKED, "0.08", "0.08"),
                        tuple("d3-voice", Channel.VOICE_BLAST, SpendEntry.Status.BOOKED, "0.12", "0.12"),
                        tuple("d10-agent", Channel.SMS, SpendEntry.Status.BOOKED, "0.08", "0.08"));
        assertMoney(ledger.spentByAccount("c-1", "inv-1"), "0.28");
    }

    @Test
    void end_journey_ends_it_exited_when_the_agent_call_would_break_the_cap() {
        Budget budget = budget(Budget.Exhaustion.END_JOURNEY);
        Journey journey = run(budget, debt);

        assertThat(journey.status()).isEqualTo(JourneyStatus.EXITED);
        assertThat(journey.statusReason()).isEqualTo(Budget.EXHAUSTED);
        assertThat(journey.history()).last().extracting(HistoryEntry::kind, HistoryEntry::stepId, HistoryEntry::detail)
                .containsExactly(Kind.EXITED, "d10-agent", CAP_DETAIL);
        assertThat(journey.entries(Kind.SENT)).extracting(HistoryEntry::channel)
                .containsExactly(Channel.SMS, Channel.VOICE_BLAST);
        assertMoney(budget.ledger().spentByJourney(journey.id()), "0.20");
    }

    @Test
    void with_a_debt_large_enough_the_agent_call_goes_out() {
        Debt large = Debt.of("inv-1", Money.brl("1000.00"), Fixtures.DUE);
        Budget budget = budget(Budget.Exhaustion.SKIP_STEP);
        Journey journey = run(budget, large);

        assertThat(journey.entries(Kind.SENT)).extracting(HistoryEntry::channel)
                .containsExactly(Channel.SMS, Channel.VOICE_BLAST, Channel.AGENT);
        assertMoney(budget.ledger().spentByAccount("c-1", "inv-1"), "12.20");
    }

    @Test
    void the_absolute_account_cap_applies_when_it_is_the_smaller() {
        Budget budget = Budget.builder().perAccountPercentOfValue(new BigDecimal("2")).perAccount(Money.brl("0.15")).build();
        Journey journey = run(budget, debt);

        assertThat(journey.entries(Kind.SENT)).extracting(HistoryEntry::channel).containsExactly(Channel.SMS);
        assertThat(journey.entries(Kind.SKIPPED)).extracting(HistoryEntry::stepId, HistoryEntry::detail).containsExactly(
                tuple("d3-voice", "account c-1/inv-1: spent BRL 0.08 of BRL 0.15, this contact BRL 0.12"),
                tuple("d10-agent", "account c-1/inv-1: spent BRL 0.08 of BRL 0.15, this contact BRL 12.00"));
    }

    @Test
    void the_contacts_sent_are_the_ones_booked() {
        Budget budget = budget(Budget.Exhaustion.CHEAPER_CHANNEL);
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).configure(b -> b.budget(budget.caps())).build();
        h.enroll(ana, debt, regua);
        h.advance(Duration.ofDays(25));
        assertThat(h.sent()).extracting(ContactRequest::stepId, ContactRequest::channel)
                .containsExactlyElementsOf(budget.ledger().entries(SpendQuery.all().status(SpendEntry.Status.BOOKED)).stream()
                        .map(e -> tuple(e.stepId(), e.channel())).toList());
    }
}
