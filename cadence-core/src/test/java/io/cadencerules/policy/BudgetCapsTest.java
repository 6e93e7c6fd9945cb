package io.cadencerules.policy;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.DecisionStage;
import io.cadencerules.engine.StepContext;
import io.cadencerules.engine.Verdict;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.event.EventType.PAYMENT_RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The caps stage in the engine: daily, monthly and global caps, and what becomes of each reservation. */
class BudgetCapsTest {

    private static final LocalDate D1 = Fixtures.DUE.plusDays(1);

    private final Customer ana = Fixtures.ana();
    private final Debt debt = Fixtures.debt();

    private static CadenceHarness harness(Budget budget) {
        return CadenceHarness.startingAt(Fixtures.START).configure(b -> b.budget(budget.caps())).build();
    }

    private static Cadence smsOnDayOne(String id) {
        return Cadence.collection(id).step("d1").at(days(1), LocalTime.of(10, 0)).sms("late").build();
    }

    private static Cadence smsOrEmail() {
        return Cadence.collection("late").step("d1").at(days(1), LocalTime.of(10, 0)).sms("late")
                .fallbackTo(Channel.EMAIL, "late-mail").exitOn(PAYMENT_RECEIVED).build();
    }

    private static void assertMoney(Money actual, String expected) {
        assertThat(actual.currency()).isEqualTo(Money.BRL);
        assertThat(actual.amount()).isEqualByComparingTo(expected);
    }

    private static List<String> ledgerLines(Budget budget) {
        return budget.ledger().entries(SpendQuery.all()).stream().map(e -> e.stepId() + " " + e.channel() + " " + e.status()
                + " est " + e.estimated().amount().toPlainString() + " act " + e.actual().amount().toPlainString()
                + " (" + e.note() + ")").toList();
    }

    @Test
    void a_cadence_daily_cap_counts_days_in_the_budget_zone() {
        Cadence nightAndMorning = Cadence.collection("nightly")
                .step("d1-night").at(days(1), LocalTime.of(22, 30)).sms("late-night")
                .step("d2-morning").at(days(2), LocalTime.of(8, 0)).sms("late-morning").build();

        Budget saoPaulo = Budget.builder().perCadencePerDay("nightly", Money.brl("0.08")).build();
        CadenceHarness h = harness(saoPaulo);
        h.enroll(ana, debt, nightAndMorning);
        h.advance(Duration.ofDays(15));
        assertThat(h.journey(ana, debt, nightAndMorning).entries(Kind.SENT)).extracting(HistoryEntry::stepId)
                .as("22:30 on the 11th and 08:00 on the 12th are two days in São Paulo")
                .containsExactly("d1-night", "d2-morning");
        assertMoney(saoPaulo.ledger().spentByCadence("nightly", D1), "0.08");

        Budget utc = Budget.builder().perCadencePerDay("nightly", Money.brl("0.08")).zone(ZoneOffset.UTC).build();
        CadenceHarness u = harness(utc);
        u.enroll(ana, debt, nightAndMorning);
        u.advance(Duration.ofDays(15));
        Journey journey = u.journey(ana, debt, nightAndMorning);
        assertThat(journey.entries(Kind.SENT)).extracting(HistoryEntry::stepId).containsExactly("d1-night");
        assertThat(journey.entries(Kind.SKIPPED)).extracting(HistoryEntry::stepId, HistoryEntry::reason, HistoryEntry::detail)
                .as("both fall on the 12th in UTC")
                .containsExactly(tuple("d2-morning", Budget.EXHAUSTED,
                        "cadence 'nightly' on 2026-03-12: spent BRL 0.08 of BRL 0.08, this contact BRL 0.08"));
        assertMoney(utc.ledger().spentByCadence("nightly", D1.plusDays(1)), "0.08");
    }

    @Test
    void a_cadence_daily_cap_stops_the_contacts_of_the_day_beyond_it() {
        Budget budget = Budget.builder().perCadencePerDay("late", Money.brl("0.16")).build();
        CadenceHarness h = harness(budget);
        Cadence late = smsOnDayOne("late");
        for (int i = 0; i < 3; i++) {
            h.enroll(Fixtures.customer("c-" + i, Fixtures.SAO_PAULO), debt, late);
        }
        h.advance(Duration.ofDays(15));
        assertThat(h.sent()).hasSize(2);
        assertMoney(budget.ledger().spentByCadence("late", D1), "0.16");
        assertMoney(budget.ledger().spentByCadence("other", D1), "0");
    }

    @Test
    void a_cadence_monthly_cap_counts_the_calendar_month() {
        Cadence monthly = Cadence.collection("monthly")
                .step("d1").at(days(1), LocalTime.of(10, 0)).sms("a")
                .step("d5").at(days(5), LocalTime.of(10, 0)).sms("b")
                .step("d25").at(days(25), LocalTime.of(10, 0)).sms("c").build();
        Budget budget = Budget.builder().perCadencePerMonth("monthly", Money.brl("0.08")).build();
        CadenceHarness h = harness(budget);
        h.enroll(ana, debt, monthly);
        h.advance(Duration.ofDays(40));

        Journey journey = h.journey(ana, debt, monthly);
        assertThat(journey.entries(Kind.SENT)).extracting(HistoryEntry::stepId).containsExactly("d1", "d25");
        assertThat(journey.entries(Kind.SKIPPED)).extracting(HistoryEntry::stepId, HistoryEntry::detail).containsExactly(
                tuple("d5", "cadence 'monthly' in 2026-03: spent BRL 0.08 of BRL 0.08, this contact BRL 0.08"));
        assertMoney(budget.ledger().spentByCadenceInMonth("monthly", YearMonth.of(2026, 3)), "0.08");
        assertMoney(budget.ledger().spentByCadenceInMonth("monthly", YearMonth.of(2026, 4)), "0.08");
    }

    @Test
    void the_global_daily_cap_counts_every_cadence() {
        Cadence sms = smsOnDayOne("late-sms");
        Cadence voice = Cadence.collection("late-voice").step("d1").at(days(1), LocalTime.of(11, 0)).voiceBlast("late").build();
        Customer bob = Fixtures.customer("c-2", Fixtures.SAO_PAULO);
        Budget budget = Budget.builder().globalPerDay(Money.brl("0.15")).build();
        CadenceHarness h = harness(budget);
        h.enroll(ana, debt, sms);
        h.enroll(bob, debt, voice);
        h.advance(Duration.ofDays(15));

        assertThat(h.sent()).extracting(r -> r.customer().id()).containsExactly("c-1");
        assertThat(h.journey(bob, debt, voice).entries(Kind.SKIPPED)).extracting(HistoryEntry::detail)
                .containsExactly("all cadences on 2026-03-11: spent BRL 0.08 of BRL 0.15, this contact BRL 0.12");
        assertMoney(budget.ledger().spentOn(D1), "0.08");
    }

    @Test
    void two_cadences_of_one_customer_decided_in_one_batch_share_the_account_cap() {
        Cadence sms = smsOnDayOne("late-sms");
        Cadence voice = Cadence.collection("late-voice").step("d1").at(days(1), LocalTime.of(10, 0)).voiceBlast("late").build();
        Budget budget = Budget.builder().perAccount(Money.brl("0.15")).build();
        CadenceHarness h = harness(budget);
        h.enroll(ana, debt, sms);
        h.enroll(ana, debt, voice);
        h.advance(Duration.ofDays(15));

        assertThat(h.sent()).as("each fits alone, not both").hasSize(1);
        List<HistoryEntry> skipped = new ArrayList<>(h.journey(ana, debt, sms).entries(Kind.SKIPPED));
        skipped.addAll(h.journey(ana, debt, voice).entries(Kind.SKIPPED));
        assertThat(skipped).extracting(HistoryEntry::reason).containsExactly(Budget.EXHAUSTED);
        assertThat(budget.ledger().spentByAccount("c-1", "inv-9").amount()).isLessThanOrEqualTo(new BigDecimal("0.15"));
    }

    @Test
    void four_engine_threads_never_pass_a_cadence_daily_cap() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Budget budget = Budget.builder().perCadencePerDay("mass", Money.brl("0.80")).build();
            CadenceHarness h = CadenceHarness.startingAt(Fixtures.START)
                    .configure(b -> b.budget(budget.caps()).executor(pool)).build();
            Cadence mass = smsOnDayOne("mass");
            for (int i = 0; i < 40; i++) {
                h.enroll(Fixtures.customer("c-" + i, Fixtures.SAO_PAULO), debt, mass);
            }
            h.advance(Duration.ofDays(15));
            assertThat(h.sent()).hasSize(10);
            assertMoney(budget.ledger().spentByCadence("mass", D1), "0.80");
            assertThat(budget.ledger().entries(SpendQuery.all())).hasSize(10)
                    .allMatch(e -> e.status() == SpendEntry.Status.BOOKED);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_rejected_contact_releases_its_reservation_and_the_fallback_is_booked() {
        Budget budget = Budget.builder().build();
        CadenceHarness h = harness(budget);
        h.channel(Channel.SMS).answerNext(DispatchResult.rejected("invalid number"));
        h.enroll(ana, debt, smsOrEmail());
        h.advance(Duration.ofDays(15));
        assertThat(ledgerLines(budget)).containsExactly(
                "d1 SMS RELEASED est 0.08 act 0 (provider-rejected: invalid number)",
                "d1 EMAIL BOOKED est 0.005 act 0.005 (accepted)");
        assertMoney(budget.ledger().spentByJourney(h.journey(ana, debt, smsOrEmail()).id()), "0.005");
    }

    @Test
    void a_deferred_contact_releases_its_reservation_and_reserves_again_when_retried() {
        Budget budget = Budget.builder().build();
        CadenceHarness h = harness(budget);
        h.channel(Channel.SMS).answerNext(DispatchResult.deferred(Fixtures.local(1, 11, 0), "rate limit"));
        h.enroll(ana, debt, smsOrEmail());
        h.advance(Duration.ofDays(15));
        assertThat(ledgerLines(budget)).containsExactly(
                "d1 SMS RELEASED est 0.08 act 0 (provider-deferred: rate limit)",
                "d1 SMS BOOKED est 0.08 act 0.08 (accepted)");
    }

    @Test
    void the_providers_reported_cost_is_booked_instead_of_the_estimate() {
        Budget budget = Budget.builder().build();
        CadenceHarness h = harness(budget);
        h.channel(Channel.SMS).answerNext(DispatchResult.accepted("p-1", Money.brl("0.16")));
        h.enroll(ana, debt, smsOrEmail());
        h.advance(Duration.ofDays(15));
        assertThat(ledgerLines(budget)).containsExactly("d1 SMS BOOKED est 0.08 act 0.16 (provider cost)");
        assertThat(h.journey(ana, debt, smsOrEmail()).entries(Kind.SENT)).extracting(HistoryEntry::cost)
                .containsExactly(Money.brl("0.16"));
    }

    @Test
    void an_unknown_outcome_stays_counted_and_its_re_offer_is_not_charged_twice() {
        Budget budget = Budget.builder().build();
        CadenceHarness h = harness(budget);
        h.channel(Channel.SMS).answerNext(DispatchResult.unknown("timeout"));
        h.enroll(ana, debt, smsOrEmail());
        h.advanceTo(Fixtures.local(1, 10, 30));
        assertThat(ledgerLines(budget)).containsExactly("d1 SMS UNCERTAIN est 0.08 act 0 (outcome-unknown: timeout)");
        assertMoney(budget.ledger().spentOn(D1), "0.08");

        h.advance(Duration.ofDays(3));
        assertThat(h.channel(Channel.SMS).offers()).as("offered twice with one key").isEqualTo(2);
        assertThat(ledgerLines(budget)).containsExactly("d1 SMS BOOKED est 0.08 act 0.08 (accepted)");
        assertMoney(budget.ledger().spentOn(D1), "0.08");
    }

    @Test
    void an_unknown_outcome_never_re_offered_stays_counted_at_the_estimate() {
        Budget budget = Budget.builder().build();
        CadenceHarness h = harness(budget);
        h.channel(Channel.SMS).answerNext(DispatchResult.unknown("connection reset"));
        h.enroll(ana, debt, smsOrEmail());
        h.advanceTo(Fixtures.local(1, 10, 30));
        h.deliver(h.events().paid("c-1", "inv-9", Money.brl("500.00")));
        h.advance(Duration.ofDays(3));
        assertThat(h.journey(ana, debt, smsOrEmail()).status()).isEqualTo(JourneyStatus.CONVERTED);
        assertThat(ledgerLines(budget)).containsExactly("d1 SMS UNCERTAIN est 0.08 act 0 (outcome-unknown: connection reset)");
        assertMoney(budget.ledger().spentByAccount("c-1", "inv-9"), "0.08");
    }

    @Test
    void a_contact_a_later_stage_refuses_at_admission_releases_the_reservation() {
        Budget budget = Budget.builder().build();
        DecisionStage noSms = new DecisionStage() {
            @Override
            public Verdict decide(StepContext candidate) {
                return Verdict.proceed();
            }

            @Override
            public Verdict admit(StepContext contact, Money estimate) {
                return contact.action().channel() == Channel.SMS ? Verdict.skipRoute("no-sms", "") : Verdict.proceed();
            }
        };
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).configure(b -> b.budget(budget.caps()).budget(noSms)).build();
        h.enroll(ana, debt, smsOrEmail());
        h.advance(Duration.ofDays(15));
        assertThat(ledgerLines(budget)).containsExactly(
                "d1 SMS RELEASED est 0.08 act 0 (not-sent: no-sms)",
                "d1 EMAIL BOOKED est 0.005 act 0.005 (accepted)");
    }

    @Test
    void a_percentage_of_a_value_in_another_currency_blocks_the_contact_with_the_reason() {
        Budget budget = Budget.builder().perAccountPercentOfValue(new BigDecimal("2")).build();
        CadenceHarness h = harness(budget);
        Debt dollars = Debt.of("inv-usd", Money.of("500.00", "USD"), Fixtures.DUE);
        Cadence late = smsOnDayOne("late");
        h.enroll(ana, dollars, late);
        h.advance(Duration.ofDays(15));
        assertThat(h.journey(ana, dollars, late).entries(Kind.BLOCKED))
                .extracting(HistoryEntry::reason, HistoryEntry::detail)
                .containsExactly(tuple(Budget.CURRENCY_MISMATCH,
                        "subject 'inv-usd' value USD 500.00 is not in the cost table's currency BRL"));
        assertThat(budget.ledger().entries(SpendQuery.all())).isEmpty();
    }

    @Test
    void without_caps_every_contact_is_estimated_and_booked() {
        Budget budget = Budget.builder().build();
        CadenceHarness h = harness(budget);
        h.enroll(ana, debt, Fixtures.cardLate());
        h.advance(Duration.ofDays(30));
        Journey journey = h.journey(ana, debt, Fixtures.cardLate());
        assertThat(journey.entries(Kind.SENT)).allMatch(e -> e.cost() != null);
        assertMoney(budget.ledger().spentByJourney(journey.id()),
                journey.spend().orElseThrow().amount().toPlainString());
        assertThat(budget.ledger().entries(SpendQuery.all())).hasSize(journey.entries(Kind.SENT).size());
    }

    @Test
    void a_channel_the_cost_table_does_not_price_is_an_engine_error_naming_it_and_nothing_is_sent() {
        CostTable smsOnly = CostTable.of("sms-only", Money.BRL, CostTable.Entry.of(Channel.SMS, CostTable.Unit.SEGMENT, "0.08"));
        Budget budget = Budget.builder().costs(smsOnly).build();
        CadenceHarness h = harness(budget);
        Cadence mail = Cadence.collection("mail").step("d1").at(days(1), LocalTime.of(10, 0)).email("late").build();
        h.enroll(ana, debt, mail);
        h.advanceTo(Fixtures.local(1, 10, 0));
        assertThat(h.journey(ana, debt, mail).entries(Kind.ERROR)).extracting(HistoryEntry::detail)
                .singleElement().asString()
                .contains("cost table 'sms-only' has no price for channel EMAIL from provider 'default'; it prices SMS");
        assertThat(h.sent()).isEmpty();
    }

    @Test
    void the_budget_zone_defaults_to_sao_paulo() {
        assertThat(Budget.builder().build().zone()).isEqualTo(ZoneId.of("America/Sao_Paulo"));
        assertThat(Budget.builder().build().exhaustion("any")).isEqualTo(Budget.Exhaustion.SKIP_STEP);
    }
}
