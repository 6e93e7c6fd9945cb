package io.cadencerules.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine on the PostgreSQL store does exactly what it does on the in-memory store. */
class JdbcStoreInTheEngineTest {

    private static final String PREFIX = "engine_";
    private static HikariDataSource pool;

    private final Cadence cardLate = Fixtures.cardLate();
    private final List<Customer> customers = List.of(Fixtures.ana(),
            Fixtures.customer("c-2", Fixtures.MANAUS, "high-balance"),
            Fixtures.customer("c-3", Fixtures.SAO_PAULO),
            Fixtures.customer("c-4", Fixtures.SAO_PAULO, "high-balance"));

    @BeforeAll
    static void database() {
        pool = TestDatabase.pool("engine", 4);
        JdbcJourneyStore.builder(pool).clock(() -> Fixtures.START).tablePrefix(PREFIX).build().createSchema();
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void a_month_of_the_card_late_regua_sends_the_same_contacts_and_leaves_the_same_journeys() {
        CadenceHarness inMemory = CadenceHarness.startingAt(Fixtures.START).build();
        TestDatabase.emptyStore(pool, PREFIX);
        AtomicReference<InstantSource> harnessClock = new AtomicReference<>();
        JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(() -> harnessClock.get().instant()).tablePrefix(PREFIX).build();
        CadenceHarness onPostgres = CadenceHarness.startingAt(Fixtures.START).configure(b -> b.store(store)).build();
        harnessClock.set(onPostgres.clock());

        List<Journey> expected = month(inMemory);
        List<Journey> actual = month(onPostgres);

        // The recording channel numbers its receipts (rec-1, rec-2…) in the order of sending, and the two
        // stores may hand out journeys due at the same instant in different orders: that number aside,
        // the journeys are equal to the last field and every contact is the same.
        assertThat(withoutReceiptNumbers(actual)).isEqualTo(withoutReceiptNumbers(expected));
        assertThat(describe(onPostgres.sent())).isEqualTo(describe(inMemory.sent())).hasSizeGreaterThan(8);
        assertThat(actual).extracting(Journey::status)
                .containsExactly(JourneyStatus.WAITING, JourneyStatus.CONVERTED, JourneyStatus.WAITING, JourneyStatus.WAITING);
        assertThat(onPostgres.duplicateOffers()).isZero();
        assertThat(store.wasEventSeen(onPostgres.deliver(onPostgres.events().paid("c-1", "inv-1", Money.brl("1"))).eventId())).isTrue();
    }

    /** Four debtors through a month: a payment, a promise to pay, a manual pause and resume. */
    private List<Journey> month(CadenceHarness h) {
        for (int i = 0; i < customers.size(); i++) {
            h.enroll(customers.get(i), debt(i), cardLate);
        }
        h.engine().pauseCustomer("c-4");
        h.advance(Duration.ofDays(9).plusHours(2));
        h.deliver(h.events().paid("c-2", "inv-2", Money.brl("500.00")));
        h.deliver(h.events().promised("c-3", "inv-3", Money.brl("500.00"), Fixtures.DUE.plusDays(4)));
        h.engine().resumeCustomer("c-4");
        h.advance(Duration.ofDays(21));
        List<Journey> journeys = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            journeys.add(h.journey(customers.get(i), debt(i), cardLate));
        }
        return journeys;
    }

    private static Debt debt(int i) {
        return Debt.of("inv-" + (i + 1), Money.brl("500.00"), Fixtures.DUE);
    }

    private static List<String> describe(List<ContactRequest> sent) {
        return sent.stream().map(r -> r.requestedAt() + " " + r.idempotencyKey() + " " + r.channel()).sorted().toList();
    }

    private static List<String> withoutReceiptNumbers(List<Journey> journeys) {
        return journeys.stream().map(j -> j.toString().replaceAll("rec-[0-9]+", "rec-n")).toList();
    }
}
