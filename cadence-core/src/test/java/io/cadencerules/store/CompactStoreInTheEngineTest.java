package io.cadencerules.store;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyKey;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine keeps the same journeys on the compact store as on the default in-memory store. */
class CompactStoreInTheEngineTest {

    private static List<Journey> run(Supplier<JourneyStore> store) {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).configure(b -> b.store(store.get())).build();
        Cadence cadence = Fixtures.cardLate();
        List<Customer> customers = List.of(Fixtures.ana(), Fixtures.customer("c-2", Fixtures.SAO_PAULO),
                Fixtures.customer("c-3", Fixtures.MANAUS, "high-balance"), Fixtures.customer("c-4", Fixtures.SAO_PAULO));
        Debt debt = Fixtures.debt();
        for (Customer customer : customers) {
            h.enroll(customer, debt, cadence);
        }
        Debt second = Debt.of("inv-10", Money.brl("80.00"), Fixtures.DUE.plusDays(2));
        h.enroll(Fixtures.ana(), second, cadence);

        h.advanceTo(Fixtures.local(0, 12, 0));
        h.deliver(h.events().paid("c-2", "inv-9", Money.brl("500.00")));
        h.deliver(h.events().promised("c-3", "inv-9", Money.brl("500.00"), Fixtures.DUE.plusDays(3)));
        h.advanceTo(Fixtures.local(5, 9, 30));
        h.deliver(h.events().pressed("c-1", "inv-9", '1'));
        h.deliver(h.events().paidPart("c-4", "inv-9", Money.brl("100.00")));
        h.advance(Duration.ofDays(60));
        h.enroll(Customer.builder("c-2").name("c-2 again").email("c2@example.com").build(), debt, cadence);
        h.advance(Duration.ofDays(2));

        List<Journey> journeys = new ArrayList<>();
        for (String customer : List.of("c-1", "c-2", "c-3", "c-4")) {
            journeys.addAll(h.engine().journeys(new JourneyQuery(customer, null, null, 10)));
        }
        journeys.sort(java.util.Comparator.comparing((Journey j) -> j.id().toString()));
        assertThat(h.engine().journey(new JourneyKey("c-2", "inv-9", cadence.id()))).hasValueSatisfying(
                j -> assertThat(j.id().run()).isEqualTo(2));
        return journeys;
    }

    @Test
    void the_engine_keeps_the_same_journeys_and_histories_as_on_the_default_store() {
        List<Journey> onHeap = run(InMemoryJourneyStore::new);
        List<Journey> compact = run(CompactJourneyStore::new);
        assertThat(onHeap).hasSize(6);
        assertThat(compact).containsExactlyElementsOf(onHeap);
        assertThat(compact.stream().mapToInt(j -> j.history().size()).sum()).isGreaterThan(20);
    }
}
