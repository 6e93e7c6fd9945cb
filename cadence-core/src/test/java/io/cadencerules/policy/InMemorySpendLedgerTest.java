package io.cadencerules.policy;

import io.cadencerules.customer.Money;
import io.cadencerules.testkit.SpendLedgerContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemorySpendLedgerTest extends SpendLedgerContract {

    @Override
    protected SpendLedger newLedger() {
        return new InMemorySpendLedger(Money.BRL);
    }

    @Test
    void settling_an_unknown_entry_names_it() {
        InMemorySpendLedger ledger = new InMemorySpendLedger(Money.BRL);
        assertThatThrownBy(() -> ledger.book("spend-9", Money.brl("1.00"), "accepted"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("spend ledger has no entry 'spend-9'");
    }

    @Test
    void an_empty_ledger_has_spent_zero_in_its_currency() {
        InMemorySpendLedger ledger = new InMemorySpendLedger(Money.BRL);
        assertThat(ledger.spentOn(DAY)).isEqualTo(Money.brl("0.00"));
        assertThat(ledger.currency()).isEqualTo(Money.BRL);
    }
}
