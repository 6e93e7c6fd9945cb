package io.cadencerules.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.event.AccountNotice;
import io.cadencerules.policy.ContactEntry;
import io.cadencerules.policy.ContactLedger;
import io.cadencerules.policy.ContactPolicy;
import io.cadencerules.testkit.ContactLedgerContract;
import io.cadencerules.testkit.VirtualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contact ledger contract, and what is particular to PostgreSQL, against a real PostgreSQL 14 server. */
class JdbcContactLedgerTest extends ContactLedgerContract {

    private static final String PREFIX = "contact_";

    private static HikariDataSource pool;

    private final VirtualClock clock = new VirtualClock(T0);

    @BeforeAll
    static void database() {
        pool = TestDatabase.pool("contact-ledger", 6);
        assertThat(JdbcContactLedger.builder(pool).clock(() -> T0).tablePrefix(PREFIX).build().createSchema())
                .isEqualTo(JdbcJourneyStore.SCHEMA_VERSION);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Override
    protected ContactLedger newLedger(Duration retention) {
        TestDatabase.emptyStore(pool, PREFIX);
        return JdbcContactLedger.builder(pool).clock(clock).tablePrefix(PREFIX).retention(retention).build();
    }

    private JdbcContactLedger ledger() {
        return (JdbcContactLedger) newLedger(RETENTION);
    }

    @Test
    void a_second_ledger_on_another_pool_sees_and_counts_the_first_ones_entries() {
        JdbcContactLedger first = ledger();
        try (HikariDataSource otherPool = TestDatabase.pool("contact-ledger-other", 2)) {
            JdbcContactLedger second = JdbcContactLedger.builder(otherPool).clock(clock).tablePrefix(PREFIX).build();
            ContactEntry.Attempt a = sms(T0, "a");
            assertThat(first.reserve("c1", a, atMost(1))).isNull();
            assertThat(second.entries("c1")).containsExactly(a);
            assertThat(second.reserve("c1", sms(T0.plusSeconds(1), "b"), atMost(1))).isEqualTo("cap of 1");
            second.cancel("c1", a);
            assertThat(first.entries("c1")).isEmpty();
        }
    }

    @Test
    void entries_are_stored_in_columns_of_their_kind() {
        JdbcContactLedger ledger = ledger();
        ledger.record("c1", new ContactEntry.Attempt(T0.plusNanos(1_234), Channel.SMS, Purpose.COLLECTION, "inv-1", "ref"));
        ledger.record("c1", new ContactEntry.OptOut(T0.plusSeconds(1), null, Purpose.MARKETING, "reply 'PARAR'"));
        ledger.record("c1", new ContactEntry.Notice(T0.plusSeconds(2), AccountNotice.Kind.DECEASED, null, "e-9"));
        assertThat(MultiInstance.count(pool, "SELECT count(*) FROM " + PREFIX + "contact_entries WHERE kind = 'ATTEMPT'"
                + " AND channel = 'SMS' AND purpose = 'COLLECTION' AND subject_key = 'inv-1' AND reference = 'ref'"
                + " AND at = '2026-03-10T13:00:00.000001Z' AND at_nanos = 234")).isEqualTo(1);
        assertThat(MultiInstance.count(pool, "SELECT count(*) FROM " + PREFIX + "contact_entries WHERE kind = 'OPT_OUT'"
                + " AND channel IS NULL AND purpose = 'MARKETING' AND source = 'reply ''PARAR'''")).isEqualTo(1);
        assertThat(MultiInstance.count(pool, "SELECT count(*) FROM " + PREFIX + "contact_entries WHERE kind = 'NOTICE'"
                + " AND notice_kind = 'DECEASED' AND subject_key IS NULL AND event_id = 'e-9'")).isEqualTo(1);
    }

    @Test
    void a_row_that_cannot_be_read_is_reported_naming_the_row_the_customer_the_table_and_the_value() {
        JdbcContactLedger ledger = ledger();
        ledger.record("c1", sms(T0, "a"));
        ledger.record("c2", new ContactEntry.Notice(T0, AccountNotice.Kind.DISPUTE, "inv-1", "e-1"));
        TestDatabase.execute(pool, "UPDATE " + PREFIX + "contact_entries SET channel = 'FAX' WHERE customer_id = 'c1'",
                "UPDATE " + PREFIX + "contact_entries SET notice_kind = 'RUMOUR' WHERE customer_id = 'c2'");
        assertThatThrownBy(() -> ledger.entries("c1")).isInstanceOf(JdbcStoreException.class)
                .hasMessage("contact entry 1 (ATTEMPT) of customer 'c1' in table contact_contact_entries has an unknown channel 'FAX'");
        assertThatThrownBy(() -> ledger.reserve("c2", sms(T0, "b"), atMost(5))).isInstanceOf(JdbcStoreException.class)
                .hasMessage("contact entry 2 (NOTICE) of customer 'c2' in table contact_contact_entries has an unknown notice_kind 'RUMOUR'");
        assertThat(MultiInstance.count(pool, "SELECT count(*) FROM " + PREFIX + "contact_entries WHERE customer_id = 'c2'"))
                .as("the refused reservation added nothing").isEqualTo(1);
    }

    @Test
    void old_attempts_of_people_not_written_again_are_forgotten_at_most_once_an_hour_of_clock_time() {
        JdbcContactLedger ledger = ledger();
        ledger.record("c1", sms(T0, "old"));
        ledger.record("c1", new ContactEntry.OptOut(T0, Channel.EMAIL, null, "event e-1"));
        clock.advance(RETENTION.plusDays(1));
        ledger.record("c2", sms(clock.instant(), "now")); // the first write purges
        assertThat(ledger.entries("c1")).containsExactly(new ContactEntry.OptOut(T0, Channel.EMAIL, null, "event e-1"));

        ledger.record("c3", sms(T0, "old too"));
        clock.advance(Duration.ofMinutes(59));
        ledger.record("c2", sms(clock.instant(), "later"));
        assertThat(ledger.entries("c3")).as("within the hour: not purged again").hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        ledger.record("c2", sms(clock.instant(), "an hour on"));
        assertThat(ledger.entries("c3")).isEmpty();
        assertThat(ledger.entries("c2")).hasSize(3);
        assertThat(ledger.forgetBefore(clock.instant().plusSeconds(1))).isEqualTo(3);
    }

    @Test
    void a_policy_refuses_a_ledger_that_forgets_before_its_longest_cap_looks_back() {
        JdbcContactLedger shortLived = JdbcContactLedger.builder(pool).clock(clock).tablePrefix(PREFIX).retention(Duration.ofDays(2)).build();
        assertThatIllegalArgumentException().isThrownBy(() -> ContactPolicy.builder().ledger(shortLived).build())
                .withMessageStartingWith("contact ledger retention must cover rule ").withMessageEndingWith(", but was PT48H");
        assertThat(ContactPolicy.builder().ledger(ledger()).build().ledger().retention()).isEqualTo(RETENTION);
    }

    @Test
    void the_builder_needs_a_clock_and_takes_each_option_once() {
        assertThatIllegalStateException().isThrownBy(() -> JdbcContactLedger.builder(pool).build())
                .withMessage("the contact ledger needs a clock: call clock(...) with the engine's InstantSource");
        assertThatIllegalStateException().isThrownBy(() -> JdbcContactLedger.builder(pool).tablePrefix("a_").tablePrefix("b_"))
                .withMessage("the contact ledger's table prefix was already set to 'a_'; cannot set it to 'b_'");
        assertThatIllegalArgumentException().isThrownBy(() -> JdbcContactLedger.builder(pool).tablePrefix("Cadence-"))
                .withMessageStartingWith("table prefix must be lower-case letters").withMessageEndingWith("but was 'Cadence-'");
        assertThatIllegalArgumentException().isThrownBy(() -> JdbcContactLedger.builder(pool).retention(Duration.ofDays(-1)))
                .withMessage("contact ledger retention must be positive, but was PT-24H");
        JdbcContactLedger.Builder b = JdbcContactLedger.builder(pool).clock(clock).schema("ledgers").tablePrefix("p_");
        assertThat(b.build().table()).isEqualTo("ledgers.p_contact_entries");
        assertThat(b.build().retention()).isEqualTo(Duration.ofDays(35));
    }

    @Test
    void a_missing_table_is_reported_with_its_name() {
        JdbcContactLedger nowhere = JdbcContactLedger.builder(pool).clock(clock).tablePrefix("missing_").build();
        assertThatThrownBy(() -> nowhere.entries("c1")).isInstanceOf(JdbcStoreException.class)
                .hasMessageStartingWith("cannot read the entries of customer 'c1' (table missing_contact_entries): ERROR: relation")
                .hasMessageEndingWith("[SQLState 42P01]");
    }
}
