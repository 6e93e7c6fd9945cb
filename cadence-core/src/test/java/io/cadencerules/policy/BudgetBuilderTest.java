package io.cadencerules.policy;

import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BudgetBuilderTest {

    @Test
    void a_repeated_option_is_refused_naming_it_and_its_value() {
        assertThatThrownBy(() -> Budget.builder().perAccount(Money.brl("10.00")).perAccount(Money.brl("20.00")))
                .isInstanceOf(IllegalStateException.class).hasMessage("budget option perAccount is already set to BRL 10.00");
        assertThatThrownBy(() -> Budget.builder().perCadencePerDay("late", Money.brl("1.00")).perCadencePerDay("late", Money.brl("2.00")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("budget option perCadencePerDay for cadence 'late' is already set to BRL 1.00");
        assertThatThrownBy(() -> Budget.builder().onExhaustion("late", Budget.Exhaustion.SKIP_STEP)
                .onExhaustion("late", Budget.Exhaustion.END_JOURNEY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("budget option onExhaustion for cadence 'late' is already set to SKIP_STEP");
        assertThatThrownBy(() -> Budget.builder().zone(ZoneOffset.UTC).zone(ZoneOffset.UTC))
                .isInstanceOf(IllegalStateException.class).hasMessage("budget option zone is already set to Z");
        assertThatThrownBy(() -> Budget.builder().perAccountPercentOfValue(BigDecimal.ONE).perAccountPercentOfValue(BigDecimal.TEN))
                .isInstanceOf(IllegalStateException.class).hasMessage("budget option perAccountPercentOfValue is already set to 1");
        assertThatThrownBy(() -> Budget.builder().provider(Channel.SMS, "a").provider(Channel.SMS, "b"))
                .isInstanceOf(IllegalStateException.class).hasMessage("budget option provider for SMS is already set to 'a'");
    }

    @Test
    void different_cadences_may_each_have_their_own_caps() {
        Budget budget = Budget.builder().perCadencePerDay("a", Money.brl("1.00")).perCadencePerDay("b", Money.brl("2.00"))
                .onExhaustion(Budget.Exhaustion.END_JOURNEY).onExhaustion("a", Budget.Exhaustion.CHEAPER_CHANNEL).build();
        assertThat(budget.exhaustion("a")).isEqualTo(Budget.Exhaustion.CHEAPER_CHANNEL);
        assertThat(budget.exhaustion("b")).isEqualTo(Budget.Exhaustion.END_JOURNEY);
    }

    @Test
    void bad_amounts_are_refused_with_the_value() {
        assertThatThrownBy(() -> Budget.builder().perAccount(Money.brl("-1.00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("budget perAccount must not be negative, but was BRL -1.00");
        assertThatThrownBy(() -> Budget.builder().perAccountPercentOfValue(new BigDecimal("150")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("budget perAccountPercentOfValue must be from 0 to 100, but was 150");
        assertThatThrownBy(() -> Budget.builder().perCadencePerMonth(" ", Money.brl("1.00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("budget perCadencePerMonth needs a cadence id, but was ' '");
    }

    @Test
    void amounts_in_another_currency_than_the_cost_table_are_refused_at_build() {
        assertThatThrownBy(() -> Budget.builder().globalPerDay(Money.of("100.00", "USD"))
                .perCadencePerDay("late", Money.of("5.00", "EUR")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("budget: globalPerDay is in USD, but the cost table 'standard-brl' prices in BRL; "
                        + "perCadencePerDay for cadence 'late' is in EUR, but the cost table 'standard-brl' prices in BRL");
        assertThatThrownBy(() -> Budget.builder().ledger(new InMemorySpendLedger(java.util.Currency.getInstance("USD"))).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("budget: the ledger is in USD, but the cost table 'standard-brl' prices in BRL");
    }

    @Test
    void a_provider_the_cost_table_does_not_price_is_refused_at_build() {
        assertThatThrownBy(() -> Budget.builder().provider(Channel.SMS, "acme").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("budget: provider 'acme' for SMS has no price in cost table 'standard-brl'");
        CostTable two = CostTable.of("two", Money.BRL, CostTable.Entry.of(Channel.SMS, CostTable.Unit.SEGMENT, "0.08"),
                new CostTable.Entry(Channel.SMS, "acme", CostTable.Unit.SEGMENT, new BigDecimal("0.05"), null));
        assertThat(Budget.builder().costs(two).provider(Channel.SMS, "acme").build().estimate(Channel.SMS))
                .isEqualTo(Money.brl("0.05"));
    }

    @Test
    void building_twice_gives_two_budgets_with_their_own_default_ledgers() {
        Budget.Builder builder = Budget.builder().perAccount(Money.brl("10.00"));
        Budget first = builder.build();
        Budget second = builder.build();
        assertThat(first).isNotSameAs(second);
        assertThat(first.ledger()).isNotSameAs(second.ledger());
        SpendLedger shared = new InMemorySpendLedger(Money.BRL);
        Budget.Builder sharing = Budget.builder().ledger(shared);
        assertThat(sharing.build().ledger()).isSameAs(shared).isSameAs(sharing.build().ledger());
    }

    @Test
    void the_stages_are_the_same_each_time_asked() {
        Budget budget = Budget.builder().build();
        assertThat(budget.caps()).isSameAs(budget.caps());
        assertThat(budget.channelChoice()).isSameAs(budget.channelChoice());
        assertThat(budget.caps().toString()).isEqualTo("budget caps (standard-brl)");
    }
}
