package io.cadencerules.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.policy.SpendCap;
import io.cadencerules.policy.SpendClaim;
import io.cadencerules.policy.SpendEntry;
import io.cadencerules.policy.SpendLedger;
import io.cadencerules.policy.SpendQuery;
import io.cadencerules.testkit.SpendLedgerContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The spend ledger contract, and what is particular to PostgreSQL, against a real PostgreSQL 14 server. */
class JdbcSpendLedgerTest extends SpendLedgerContract {

    private static final String PREFIX = "spend_";

    private static HikariDataSource pool;

    @BeforeAll
    static void database() {
        pool = TestDatabase.pool("spend-ledger", 6);
        assertThat(JdbcSpendLedger.builder(pool).clock(() -> T0).currency(Money.BRL).tablePrefix(PREFIX).build().createSchema())
                .isEqualTo(JdbcJourneyStore.SCHEMA_VERSION);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Override
    protected SpendLedger newLedger() {
        TestDatabase.emptyStore(pool, PREFIX);
        return ledgerOn(pool, Money.BRL);
    }

    private static JdbcSpendLedger ledgerOn(HikariDataSource dataSource, Currency currency) {
        return JdbcSpendLedger.builder(dataSource).clock(() -> T0).currency(currency).tablePrefix(PREFIX).build();
    }

    private static SpendClaim claim(JourneyId journey, String key, String estimate, SpendCap... caps) {
        return new SpendClaim(journey, "s1", Channel.SMS, key, T0, DAY, Money.brl(estimate), List.of(caps));
    }

    @Test
    void entry_ids_come_from_one_sequence_shared_by_every_instance() {
        JdbcSpendLedger first = (JdbcSpendLedger) newLedger();
        try (HikariDataSource otherPool = TestDatabase.pool("spend-ledger-other", 2)) {
            JdbcSpendLedger second = ledgerOn(otherPool, Money.BRL);
            JourneyId j = journey("c1", "inv1", "late");
            SpendCap account = cap(SpendCap.Scope.ACCOUNT, "0.25");
            SpendEntry a = first.reserve(claim(j, "k1", "0.10", account)).orElseThrow();
            SpendEntry b = second.reserve(claim(j, "k2", "0.10", account)).orElseThrow();
            SpendEntry c = first.reserve(claim(j, "k3", "0.05", account)).orElseThrow();
            assertThat(List.of(a.id(), b.id(), c.id())).containsExactly("spend-1", "spend-2", "spend-3");
            assertThat(second.reserve(claim(j, "k4", "0.01", account))).as("the second instance counts the first's").isEmpty();
            assertThat(second.book(a.id(), Money.brl("0.09"), "provider cost").status()).isEqualTo(SpendEntry.Status.BOOKED);
            assertThat(first.entries(SpendQuery.all())).extracting(SpendEntry::id).containsExactly("spend-1", "spend-2", "spend-3");
            assertThat(first.spentByAccount("c1", "inv1")).isEqualTo(Money.brl("0.24"));
        }
    }

    @Test
    void entries_are_stored_in_columns_and_totals_per_cap_scope() {
        JdbcSpendLedger ledger = (JdbcSpendLedger) newLedger();
        SpendEntry e = ledger.reserve(new SpendClaim(new JourneyId("c1", "inv1", "late", 2), "d0-sms", Channel.SMS, "k1",
                T0.plusNanos(1_500), DAY, Money.brl("0.0800"), List.of())).orElseThrow();
        ledger.book(e.id(), Money.brl("0.075"), "provider cost");
        assertThat(MultiInstance.count(pool, "SELECT count(*) FROM " + PREFIX + "spend_entries WHERE id = 1"
                + " AND customer_id = 'c1' AND subject_key = 'inv1' AND cadence_id = 'late' AND run = 2 AND step_id = 'd0-sms'"
                + " AND channel = 'SMS' AND contact_key = 'k1' AND at = '2026-03-10T13:00:00.000001Z' AND at_nanos = 500"
                + " AND day = '2026-03-10' AND currency = 'BRL' AND estimated::text = '0.0800' AND actual::text = '0.075'"
                + " AND status = 'BOOKED' AND note = 'provider cost'")).isEqualTo(1);
        assertThat(MultiInstance.count(pool, "SELECT count(*) FROM " + PREFIX + "spend_totals WHERE amount = 0.075 AND ("
                + "(scope = 'ACCOUNT' AND key1 = 'c1' AND key2 = 'inv1') OR (scope = 'CADENCE_DAY' AND key1 = 'late' AND key2 = '2026-03-10')"
                + " OR (scope = 'CADENCE_MONTH' AND key1 = 'late' AND key2 = '2026-03') OR (scope = 'GLOBAL_DAY' AND key1 = '2026-03-10'))"))
                .isEqualTo(4);
        assertThat(ledger.entries(SpendQuery.all()).get(0).estimated()).as("the scale survives").isEqualTo(Money.brl("0.0800"));
        assertThat(ledger.spentByCadenceInMonth("late", YearMonth.of(2026, 3))).isEqualTo(Money.brl("0.075"));
    }

    @Test
    void ledgers_in_two_currencies_on_the_same_tables_count_apart() {
        JdbcSpendLedger reais = (JdbcSpendLedger) newLedger();
        JdbcSpendLedger dollars = ledgerOn(pool, Currency.getInstance("USD"));
        JourneyId j = journey("c1", "inv1", "late");
        reais.reserve(claim(j, "k1", "0.50"));
        SpendClaim usd = new SpendClaim(j, "s1", Channel.SMS, "k2", T0, DAY, Money.of("0.30", "USD"),
                List.of(new SpendCap(SpendCap.Scope.ACCOUNT, Money.of("0.40", "USD"))));
        assertThat(dollars.reserve(usd)).isPresent();
        assertThat(reais.spentByAccount("c1", "inv1")).isEqualTo(Money.brl("0.50"));
        assertThat(dollars.spentByAccount("c1", "inv1")).isEqualTo(Money.of("0.30", "USD"));
        assertThat(dollars.entries(SpendQuery.all())).extracting(SpendEntry::contactKey).containsExactly("k2");
        assertThat(reais.open("k2")).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> reais.release("spend-2", "x")).withMessage("spend ledger has no entry 'spend-2'");
    }

    @Test
    void settling_an_id_this_ledger_never_gave_names_it() {
        SpendLedger ledger = newLedger();
        for (String id : List.of("spend-9", "spend-0", "spend-x", "9", "spend-99999999999999999999")) {
            assertThatIllegalArgumentException().isThrownBy(() -> ledger.book(id, Money.brl("1.00"), "accepted"))
                    .withMessage("spend ledger has no entry '" + id + "'");
        }
    }

    @Test
    void an_empty_ledger_has_spent_zero_in_its_currency() {
        SpendLedger ledger = newLedger();
        assertThat(ledger.spentOn(DAY)).isEqualTo(Money.brl("0.00"));
        assertThat(ledger.spentByJourney(journey("c1", "inv1", "late"))).isEqualTo(Money.brl("0.00"));
        assertThat(ledger.currency()).isEqualTo(Money.BRL);
    }

    @Test
    void a_row_that_cannot_be_read_is_reported_naming_the_entry_the_table_and_the_value() {
        SpendLedger ledger = newLedger();
        JourneyId j = journey("c1", "inv1", "late");
        SpendEntry a = ledger.reserve(claim(j, "k1", "0.10")).orElseThrow();
        TestDatabase.execute(pool, "UPDATE " + PREFIX + "spend_entries SET channel = 'FAX'");
        assertThatThrownBy(() -> ledger.entries(SpendQuery.all())).isInstanceOf(JdbcStoreException.class)
                .hasMessage("spend entry spend-1 in table spend_spend_entries has an unknown channel 'FAX'");
        assertThatThrownBy(() -> ledger.book(a.id(), Money.brl("0.10"), "accepted")).isInstanceOf(JdbcStoreException.class)
                .hasMessage("spend entry spend-1 in table spend_spend_entries has an unknown channel 'FAX'");
        TestDatabase.execute(pool, "UPDATE " + PREFIX + "spend_entries SET channel = 'SMS', step_id = ''");
        assertThat(ledger.entries(SpendQuery.all())).extracting(SpendEntry::stepId).containsExactly("");
    }

    @Test
    void the_builder_needs_a_clock_and_a_currency_and_takes_each_option_once() {
        assertThatIllegalStateException().isThrownBy(() -> JdbcSpendLedger.builder(pool).currency(Money.BRL).build())
                .withMessage("the spend ledger needs a clock: call clock(...) with the engine's InstantSource");
        assertThatIllegalStateException().isThrownBy(() -> JdbcSpendLedger.builder(pool).clock(() -> T0).build())
                .withMessage("the spend ledger needs a currency: call currency(...) with the cost table's");
        assertThatIllegalStateException().isThrownBy(() -> JdbcSpendLedger.builder(pool).currency(Money.BRL).currency(Money.BRL))
                .withMessage("the spend ledger's currency was already set to BRL; cannot set it to BRL");
        assertThatIllegalStateException().isThrownBy(() -> JdbcSpendLedger.builder(pool).schema("a").schema("b"))
                .withMessage("the spend ledger's schema was already set to 'a'; cannot set it to 'b'");
        assertThat(JdbcSpendLedger.builder(pool).clock(() -> T0).currency(Money.BRL).schema("ledgers").build().tables())
                .containsExactly("ledgers.cadence_spend_entries", "ledgers.cadence_spend_totals");
    }
}
