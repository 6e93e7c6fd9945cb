package io.cadencerules.policy;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.store.JourneyQuery;
import io.cadencerules.testkit.CadenceHarness;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the customers, debts, cadences, caps and exhaustion modes, the money sent (summed from the
 * journeys' own history, not the ledger) never exceeds a cap, and the ledger agrees with the history.
 */
class BudgetPropertyTest {

    private static final ZoneId SP = Fixtures.SAO_PAULO;

    private static final List<Cadence> CADENCES = List.of(
            Cadence.collection("a")
                    .step("a1").at(days(1), LocalTime.of(10, 0)).sms("a1")
                    .step("a3").at(days(3), LocalTime.of(10, 0)).voiceBlast("a3")
                    .step("a10").at(days(10), LocalTime.of(10, 0)).agentCall("collections").fallbackTo(Channel.SMS, "a10")
                    .build(),
            Cadence.collection("b")
                    .step("b1").at(days(1), LocalTime.of(10, 0)).whatsapp("b1")
                    .step("b2").at(days(2), LocalTime.of(15, 0)).outboundIvr("b2")
                    .step("b5").at(days(5), LocalTime.of(10, 0)).agentCall("collections").fallbackTo(Channel.OUTBOUND_IVR, "b5")
                    .fallbackTo(Channel.EMAIL, "b5-mail")
                    .build(),
            Cadence.collection("c")
                    .step("c0").at(days(0), LocalTime.of(10, 0)).email("c0")
                    .step("c1").at(days(1), LocalTime.of(10, 0)).twoWaySms("c1")
                    .step("c4").at(days(4), LocalTime.of(10, 0)).agentCall("collections")
                    .build());

    /** One enrolment: which customer, which of their two debts, which cadence. */
    record Enrolment(int customer, int debt, int cadence) {
    }

    @Provide
    Arbitrary<List<Enrolment>> enrolments() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(0, 2)).as(Enrolment::new).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 40)
    void no_cap_is_ever_exceeded(@ForAll("enrolments") List<Enrolment> enrolments,
                                 @ForAll @Size(6) List<@IntRange(min = 20, max = 3000) Integer> debtReais,
                                 @ForAll @IntRange(min = 1, max = 5) int percent,
                                 @ForAll @IntRange(min = 0, max = 2000) int cadenceDayCents,
                                 @ForAll @IntRange(min = 0, max = 3000) int globalDayCents,
                                 @ForAll Budget.Exhaustion mode) {
        Money cadenceDay = Money.brl(BigDecimal.valueOf(cadenceDayCents, 2).toPlainString());
        Money globalDay = Money.brl(BigDecimal.valueOf(globalDayCents, 2).toPlainString());
        Budget budget = Budget.builder().perAccountPercentOfValue(BigDecimal.valueOf(percent))
                .perCadencePerDay("a", cadenceDay).perCadencePerDay("b", cadenceDay).globalPerDay(globalDay)
                .onExhaustion(mode).build();
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).configure(b -> b.budget(budget.caps())).build();
        Map<String, Money> debtValue = new HashMap<>();
        for (Enrolment e : enrolments) {
            Customer customer = Fixtures.customer("c-" + e.customer(), SP);
            Money value = Money.brl(debtReais.get(e.customer() * 2 + e.debt()) + ".00");
            Debt debt = Debt.of("inv-" + e.debt(), value, Fixtures.DUE);
            debtValue.put(customer.id() + "/" + debt.key(), value);
            h.enroll(customer, debt, CADENCES.get(e.cadence()));
        }
        h.advance(Duration.ofDays(20));

        Map<String, BigDecimal> byAccount = new HashMap<>();
        Map<String, BigDecimal> byCadenceDay = new HashMap<>();
        Map<LocalDate, BigDecimal> byDay = new HashMap<>();
        for (Journey journey : h.engine().journeys(new JourneyQuery(null, null, null, 1000))) {
            for (HistoryEntry sent : journey.entries(HistoryEntry.Kind.SENT)) {
                BigDecimal cost = sent.cost().amount();
                LocalDate day = sent.at().atZone(SP).toLocalDate();
                byAccount.merge(journey.customerId() + "/" + journey.subject().key(), cost, BigDecimal::add);
                byCadenceDay.merge(journey.cadenceId() + "@" + day, cost, BigDecimal::add);
                byDay.merge(day, cost, BigDecimal::add);
            }
        }
        byAccount.forEach((account, spent) -> {
            BigDecimal cap = debtValue.get(account).amount().multiply(BigDecimal.valueOf(percent)).movePointLeft(2);
            assertThat(spent).as("account %s", account).isLessThanOrEqualTo(cap);
            String[] parts = account.split("/");
            assertThat(budget.ledger().spentByAccount(parts[0], parts[1]).amount()).isEqualByComparingTo(spent);
        });
        byCadenceDay.forEach((key, spent) -> {
            if (!key.startsWith("c@")) {
                assertThat(spent).as("cadence-day %s", key).isLessThanOrEqualTo(cadenceDay.amount());
            }
        });
        byDay.forEach((day, spent) -> {
            assertThat(spent).as("day %s", day).isLessThanOrEqualTo(globalDay.amount());
            assertThat(budget.ledger().spentOn(day).amount()).isEqualByComparingTo(spent);
        });
    }
}
