package io.cadencerules.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.policy.ContactEntry;
import io.cadencerules.policy.SpendClaim;
import io.cadencerules.store.DispatchIntent;
import io.cadencerules.testkit.VirtualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledgers' tables are schema version 3 of the store's schema: created with it, and added to a database at version 2. */
class LedgerSchemaTest {

    private static final Instant T0 = Instant.parse("2026-03-10T13:00:00Z");
    private static HikariDataSource pool;

    private final VirtualClock clock = new VirtualClock(T0);

    @BeforeAll
    static void database() {
        pool = TestDatabase.pool("ledger-schema", 2);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void a_database_at_version_2_is_upgraded_to_version_3_keeping_its_journeys_and_outbox() {
        String p = "upgrade3_";
        TestDatabase.execute(pool, "DROP TABLE IF EXISTS " + String.join(", ", List.of("journeys", "customers", "seen_events",
                "pauses", "rejections", "dispatches", "contact_entries", "spend_entries", "spend_totals", "schema_version")
                .stream().map(t -> p + t).toList()));
        JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).tablePrefix(p).build();
        store.createSchema();
        // back to what version 2 left: no ledger tables, two versions recorded
        TestDatabase.execute(pool, "DROP TABLE " + p + "contact_entries, " + p + "spend_entries, " + p + "spend_totals",
                "DELETE FROM " + p + "schema_version WHERE version = 3");
        assertThat(store.schemaVersion()).isEqualTo(2);
        Journey j = Samples.active(Samples.subjects().get(0), 1);
        assertThat(store.insert(j)).isTrue();
        store.beginDispatches(List.of(new DispatchIntent(j.id() + "/k-1", j.id(), Channel.SMS)), "engine-a", T0);

        JdbcSpendLedger spend = JdbcSpendLedger.builder(pool).clock(clock).currency(Money.BRL).tablePrefix(p).build();
        assertThat(spend.createSchema()).isEqualTo(3);
        assertThat(store.schemaVersion()).isEqualTo(3);
        assertThat(MultiInstance.count(pool, "SELECT count(*) FROM " + p + "schema_version WHERE version = 3 AND description = 'schema-v3.sql'"))
                .isEqualTo(1);
        assertThat(store.find(j.id())).contains(j);
        assertThat(store.dispatchesInDoubt(T0.plusSeconds(1), 10)).hasSize(1);

        JdbcContactLedger contacts = JdbcContactLedger.builder(pool).clock(clock).tablePrefix(p).build();
        assertThat(contacts.createSchema()).as("already there: nothing to do").isEqualTo(3);
        ContactEntry.Attempt attempt = new ContactEntry.Attempt(T0, Channel.SMS, Purpose.COLLECTION, "inv-1", "r");
        assertThat(contacts.<String>reserve("c-1", attempt, entries -> null)).isNull();
        assertThat(contacts.entries("c-1")).containsExactly(attempt);
        assertThat(spend.reserve(new SpendClaim(new JourneyId("c-1", "inv-1", "card-late", 3), "d0-sms", Channel.SMS, "k-1", T0,
                LocalDate.of(2026, 3, 10), Money.brl("0.08"), List.of()))).isPresent();
        assertThat(store.createSchema()).isEqualTo(3);
    }

    @Test
    void the_ledgers_create_the_whole_schema_in_a_schema_of_their_own() {
        TestDatabase.execute(pool, "DROP SCHEMA IF EXISTS ledger_it CASCADE");
        JdbcContactLedger contacts = JdbcContactLedger.builder(pool).clock(clock).schema("ledger_it").tablePrefix("l_").build();
        assertThat(contacts.createSchema()).isEqualTo(JdbcJourneyStore.SCHEMA_VERSION);
        JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).schema("ledger_it").tablePrefix("l_").build();
        assertThat(store.schemaVersion()).isEqualTo(JdbcJourneyStore.SCHEMA_VERSION);
        assertThat(contacts.table()).isEqualTo("ledger_it.l_contact_entries");
        ContactEntry.OptOut out = new ContactEntry.OptOut(T0, null, null, "event e-1");
        contacts.record("c-1", out);
        assertThat(contacts.entries("c-1")).containsExactly(out);
    }
}
