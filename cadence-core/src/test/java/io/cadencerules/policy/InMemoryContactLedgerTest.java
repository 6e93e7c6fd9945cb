package io.cadencerules.policy;

import io.cadencerules.testkit.ContactLedgerContract;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InMemoryContactLedgerTest extends ContactLedgerContract {

    @Override
    protected ContactLedger newLedger(Duration retention) {
        return new InMemoryContactLedger(retention);
    }

    @Test
    void the_retention_must_be_positive_and_defaults_to_35_days() {
        assertThat(new InMemoryContactLedger().retention()).isEqualTo(Duration.ofDays(35));
        assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryContactLedger(Duration.ZERO))
                .withMessage("ledger retention must be positive, but was PT0S");
    }

    @Test
    void a_policy_refuses_a_ledger_that_forgets_before_its_longest_cap_looks_back() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ContactPolicy.builder().ledger(new InMemoryContactLedger(Duration.ofDays(2))).build())
                .withMessageStartingWith("contact ledger retention must cover rule ")
                .withMessageEndingWith(", but was PT48H");
    }
}
