package io.cadencerules.store;

import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.event.Rejection;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.testkit.JourneyStoreContract;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactJourneyStoreTest extends JourneyStoreContract {

    @Override
    protected JourneyStore newStore() {
        return new CompactJourneyStore();
    }

    private static Journey journey(String customerId, String subjectKey, String cadenceId, int run) {
        Debt debt = Debt.of(subjectKey, Money.brl("100.00"), LocalDate.of(2026, 3, 10));
        return new Journey(new JourneyId(customerId, subjectKey, cadenceId, run), 1, debt, ZoneId.of("America/Sao_Paulo"),
                JourneyStatus.ACTIVE, "enrolled", T0, T0, 0, 0, 0, 1, 0, null, T0.plusSeconds(60), null, Set.of(), List.of(),
                null, 1);
    }

    @Test
    void a_customer_with_many_journeys_finds_each_by_key() {
        CompactJourneyStore store = new CompactJourneyStore();
        for (int i = 0; i < 5; i++) {
            store.insert(journey("c1", "inv" + i, i % 2 == 0 ? "even" : "odd", 1));
        }
        for (int i = 0; i < 5; i++) {
            JourneyId id = new JourneyId("c1", "inv" + i, i % 2 == 0 ? "even" : "odd", 1);
            assertThat(store.find(id)).hasValueSatisfying(j -> assertThat(j.id()).isEqualTo(id));
        }
        assertThat(store.find(new JourneyId("c1", "inv1", "even", 1))).isEmpty();
        assertThat(store.query(new JourneyQuery("c1", "odd", null, 10))).hasSize(2);
        assertThat(store.size()).isEqualTo(5);
    }

    @Test
    void many_customers_survive_the_table_growing() {
        CompactJourneyStore store = new CompactJourneyStore();
        int n = 40_000; // more than two pages and several rehashes
        for (int i = 0; i < n; i++) {
            store.saveCustomer(Customer.builder("c" + i).name("n" + i).build());
            store.insert(journey("c" + i, "inv", "cad", 1));
        }
        for (int i = 0; i < n; i += 997) {
            assertThat(store.customer("c" + i)).hasValueSatisfying(c -> assertThat(c.id()).startsWith("c"));
            assertThat(store.latest(new JourneyId("c" + i, "inv", "cad", 1).key())).isPresent();
        }
        assertThat(store.size()).isEqualTo(n);
        assertThat(store.claimDue(T0.plusSeconds(60), n + 1, new Lease("a", T0.plusSeconds(600)))).hasSize(n);
    }

    @Test
    void event_ids_older_than_the_retention_window_are_forgotten() {
        CompactJourneyStore store = new CompactJourneyStore(Duration.ofDays(1), 10);
        assertThat(store.markEventSeen("old", T0)).isTrue();
        assertThat(store.markEventSeen("new", T0.plus(Duration.ofDays(2)))).isTrue();
        assertThat(store.markEventSeen("old", T0.plus(Duration.ofDays(2)))).as("forgotten after a day").isTrue();
        assertThat(store.markEventSeen("new", T0.plus(Duration.ofDays(2)))).isFalse();
    }

    @Test
    void only_the_latest_rejections_are_kept() {
        CompactJourneyStore store = new CompactJourneyStore(Duration.ofDays(1), 2);
        for (int i = 0; i < 5; i++) {
            store.recordRejection(new Rejection(T0, "e" + i, "malformed", "", ""));
        }
        assertThat(store.rejections(10)).extracting(Rejection::eventId).containsExactly("e3", "e4");
    }

    @Test
    void bad_settings_are_refused_with_the_value() {
        assertThatThrownBy(() -> new CompactJourneyStore(Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("event retention must be positive, but was PT0S");
        assertThatThrownBy(() -> new CompactJourneyStore(Duration.ofDays(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("max rejections must be at least 1, but was 0");
    }
}
