package io.cadencerules.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Subject;
import io.cadencerules.event.Rejection;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyKey;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.store.JourneyQuery;
import io.cadencerules.store.JourneyStore;
import io.cadencerules.store.JourneyStore.PauseScope;
import io.cadencerules.store.Lease;
import io.cadencerules.testkit.JourneyStoreContract;
import io.cadencerules.testkit.VirtualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contract, and what is particular to PostgreSQL, against a real PostgreSQL 14 server. */
class JdbcJourneyStoreTest extends JourneyStoreContract {

    private static final String PREFIX = "contract_";

    private static HikariDataSource pool;

    private final VirtualClock clock = new VirtualClock(T0);
    private JdbcJourneyStore store;

    @BeforeAll
    static void database() {
        pool = TestDatabase.pool("contract", 6);
        JdbcJourneyStore.builder(pool).clock(() -> T0).tablePrefix(PREFIX).build().createSchema();
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Override
    protected JourneyStore newStore() {
        TestDatabase.emptyStore(pool, PREFIX);
        store = storeOn(pool);
        return store;
    }

    private JdbcJourneyStore storeOn(DataSource dataSource) {
        return JdbcJourneyStore.builder(dataSource).clock(clock).tablePrefix(PREFIX).build();
    }

    private static Lease lease(String owner, Instant until) {
        return new Lease(owner, until);
    }

    // ------------------------------------------------------------------ round trip

    @Test
    void journeys_and_customers_come_back_from_the_database_exactly_as_written() {
        List<Journey> written = new ArrayList<>();
        int n = 0;
        for (Subject subject : Samples.subjects()) {
            Journey v1 = withCustomer(Samples.active(subject, 1), "c-" + n++);
            Journey ended = withCustomer(Samples.converted(subject), "c-" + n++);
            assertThat(store.insert(v1)).isTrue();
            assertThat(store.insert(ended)).isTrue();
            Journey v2 = v1.edit().record(v1.history().get(1)).build();
            assertThat(store.replace(v2)).isTrue();
            written.add(v2);
            written.add(ended);
        }
        for (Journey j : written) {
            assertThat(store.find(j.id())).contains(j);
            assertThat(store.latest(j.key())).contains(j);
        }
        assertThat(store.query(new JourneyQuery(null, "card-late", null, 100))).containsExactlyInAnyOrderElementsOf(written);

        store.saveCustomer(Samples.full());
        assertThat(store.customer("c-1")).contains(Samples.full());
        for (Customer customer : Samples.others()) {
            store.saveCustomer(customer);
            assertThat(store.customer(customer.id())).contains(customer);
        }
    }

    /** The sample journey under another customer id (the samples share one). */
    private static Journey withCustomer(Journey j, String customerId) {
        return new Journey(new JourneyId(customerId, j.id().subjectKey(), j.cadenceId(), j.id().run()), j.cadenceVersion(), j.subject(),
                j.zone(), j.status(), j.statusReason(), j.enrolledAt(), j.anchorAt(), j.delayDays(), j.cursor(), j.nextStep(),
                j.attempt(), j.route(), j.handOff(), j.dueAt(), j.endedAt(), j.segments(), j.history(), j.spent(), j.version());
    }

    // ------------------------------------------------------------------ leases

    @Test
    void an_expired_lease_is_taken_over_and_reported_due_but_a_valid_one_is_not() {
        Journey j = journey("c1", "i", "cad", 1, T0);
        store.insert(j);
        assertThat(store.claimDue(T0, 10, lease("dead", T0.plusSeconds(15)))).containsExactly(j);

        clock.set(T0.plusSeconds(10));
        assertThat(store.nextDue()).as("claimable when the lease ends").contains(T0.plusSeconds(15));
        assertThat(store.claim(j.id(), clock.instant(), lease("b", T0.plusSeconds(300)))).isFalse();
        assertThat(store.claimDue(clock.instant(), 10, lease("b", T0.plusSeconds(300)))).isEmpty();

        clock.set(T0.plusSeconds(15));
        assertThat(store.claim(j.id(), clock.instant(), lease("b", T0.plusSeconds(300)))).isTrue();
        assertThat(store.nextDue()).contains(T0.plusSeconds(300));
        assertThat(store.claimDue(clock.instant(), 10, lease("c", T0.plusSeconds(300)))).as("now b holds it").isEmpty();
        assertThat(store.claim(j.id(), clock.instant(), lease("b", T0.plusSeconds(600)))).as("the owner extends its lease").isTrue();
        assertThat(leaseOf(j.id())).isEqualTo("b until " + T0.plusSeconds(600));
        store.release(j.id(), "b");
        assertThat(leaseOf(j.id())).isEqualTo("none");
    }

    @Test
    void a_late_event_and_a_claim_on_the_same_journey_never_lose_either_write() {
        Journey v1 = journey("c1", "i", "cad", 1, T0);
        store.insert(v1);
        Journey claimed = store.claimDue(T0, 10, lease("engine-a", T0.plusSeconds(60))).get(0);
        HistoryEntry read = new HistoryEntry(T0, Kind.EVENT, null, null, 0, "message-read", "ev-1", null);
        HistoryEntry sent = new HistoryEntry(T0, Kind.SENT, "s1", Channel.SMS, 1, "sent", "", null);

        Journey byEvent = claimed.edit().record(read).build();
        assertThat(store.replace(byEvent)).as("the event's write, while the journey is leased").isTrue();
        assertThat(store.replace(claimed.edit().record(sent).build())).as("the claimer's write from the same version").isFalse();
        Journey reread = store.find(v1.id()).orElseThrow();
        assertThat(reread).isEqualTo(byEvent);
        assertThat(store.replace(reread.edit().record(sent).build())).as("decided again on the fresh copy").isTrue();

        assertThat(store.find(v1.id()).orElseThrow().history()).containsExactly(read, sent);
    }

    @Test
    void a_write_back_ends_its_writers_leases_in_the_journey_writes_and_leaves_another_owners_lease() {
        Journey written = journey("c1", "i", "cad", 1, T0);
        Journey notWritten = journey("c2", "i", "cad", 1, T0);
        Journey takenOver = journey("c3", "i", "cad", 1, T0);
        List.of(written, notWritten, takenOver).forEach(store::insert);
        assertThat(store.claimDue(T0, 10, lease("a", T0.plusSeconds(10)))).hasSize(3);
        clock.set(T0.plusSeconds(10));
        assertThat(store.claim(takenOver.id(), clock.instant(), lease("b", T0.plusSeconds(60)))).as("a's lease ended").isTrue();
        HistoryEntry sent = new HistoryEntry(T0, Kind.SENT, "s1", Channel.SMS, 1, "sent", "", null);
        Journey written2 = written.edit().record(sent).build();
        Journey takenOver2 = takenOver.edit().record(sent).build();

        boolean[] landed = store.writeBack(new io.cadencerules.store.WriteBack("a", List.of(written2, takenOver2), Map.of(), Map.of(),
                List.of(written.id(), notWritten.id(), takenOver.id())));

        assertThat(landed).containsExactly(true, true);
        assertThat(leaseOf(written.id())).isEqualTo("none");
        assertThat(leaseOf(notWritten.id())).isEqualTo("none");
        assertThat(leaseOf(takenOver.id())).as("b's lease").isEqualTo("b until " + T0.plusSeconds(60));
        assertThat(store.versions(List.of(written.id(), takenOver.id(), new JourneyId("nobody", "i", "cad", 1))))
                .isEqualTo(Map.of(written.id(), 2L, takenOver.id(), 2L));
        assertThat(store.claimDue(clock.instant(), 10, lease("c", T0.plusSeconds(70)))).containsExactlyInAnyOrder(written2, notWritten);
    }

    @Test
    void two_stores_on_separate_pools_claim_each_of_10000_due_journeys_exactly_once() throws Exception {
        int journeys = 10_000;
        ExecutorService pool4 = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> inserts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int from = t;
                inserts.add(pool4.submit(() -> {
                    for (int i = from; i < journeys; i += 4) {
                        assertThat(store.insert(journey("c" + i, "i", "cad", 1, T0.plusMillis(i % 100)))).isTrue();
                    }
                }));
            }
            for (Future<?> f : inserts) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool4.shutdown();
        }
        try (HikariDataSource poolA = TestDatabase.pool("instance-a", 2); HikariDataSource poolB = TestDatabase.pool("instance-b", 2)) {
            JdbcJourneyStore a = storeOn(poolA);
            JdbcJourneyStore b = storeOn(poolB);
            Map<JourneyKey, String> claimedBy = new ConcurrentHashMap<>();
            List<String> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());
            Map<String, AtomicInteger> perStore = Map.of("a", new AtomicInteger(), "b", new AtomicInteger());
            ExecutorService claimers = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                JdbcJourneyStore s = t % 2 == 0 ? a : b;
                String name = t % 2 == 0 ? "a" : "b";
                String owner = name + "-thread-" + t;
                running.add(claimers.submit(() -> {
                    start.await();
                    List<Journey> batch;
                    while (!(batch = s.claimDue(T0.plusSeconds(1), 100, lease(owner, T0.plusSeconds(300)))).isEmpty()) {
                        for (Journey j : batch) {
                            String before = claimedBy.putIfAbsent(j.key(), owner);
                            if (before != null) {
                                duplicates.add(j.key() + " by " + before + " and " + owner);
                            }
                        }
                        perStore.get(name).addAndGet(batch.size());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : running) {
                f.get(120, TimeUnit.SECONDS);
            }
            claimers.shutdown();
            assertThat(duplicates).isEmpty();
            assertThat(claimedBy).hasSize(journeys);
            assertThat(perStore.get("a").get() + perStore.get("b").get()).isEqualTo(journeys);
            assertThat(perStore.values()).as("both instances claimed").allSatisfy(n -> assertThat(n.get()).isPositive());
            Map<String, Long> leasesInTheDatabase = countBy("SELECT lease_owner, count(*) FROM " + PREFIX + "journeys GROUP BY lease_owner");
            Map<String, Long> leasesClaimed = new HashMap<>();
            claimedBy.values().forEach(owner -> leasesClaimed.merge(owner, 1L, Long::sum));
            assertThat(leasesInTheDatabase).isEqualTo(leasesClaimed);
        }
    }

    // ------------------------------------------------------------------ schema

    @Test
    void creating_the_schema_again_keeps_the_data_and_records_each_version_once() {
        Journey j = journey("c1", "i", "cad", 1, T0);
        store.insert(j);
        assertThat(store.createSchema()).isEqualTo(3);
        assertThat(store.createSchema()).isEqualTo(3);
        assertThat(store.schemaVersion()).isEqualTo(3);
        assertThat(countBy("SELECT description, count(*) FROM " + PREFIX + "schema_version GROUP BY description"))
                .isEqualTo(Map.of("schema-v1.sql", 1L, "schema-v2.sql", 1L, "schema-v3.sql", 1L));
        assertThat(store.find(j.id())).contains(j);
    }

    @Test
    void a_database_at_version_1_is_upgraded_to_the_newest_version_keeping_its_journeys() {
        JdbcJourneyStore old = JdbcJourneyStore.builder(pool).clock(clock).tablePrefix("upgrade_").build();
        TestDatabase.execute(pool, "DROP TABLE IF EXISTS upgrade_journeys, upgrade_customers, upgrade_seen_events, upgrade_pauses,"
                + " upgrade_rejections, upgrade_dispatches, upgrade_contact_entries, upgrade_spend_entries, upgrade_spend_totals,"
                + " upgrade_schema_version");
        old.createSchema();
        // back to what version 1 left: no outbox or ledger tables, one version recorded
        TestDatabase.execute(pool, "DROP TABLE upgrade_dispatches, upgrade_contact_entries, upgrade_spend_entries, upgrade_spend_totals",
                "DELETE FROM upgrade_schema_version WHERE version >= 2");
        Journey j = journey("c1", "i", "cad", 1, T0);
        assertThat(old.insert(j)).isTrue();
        assertThat(old.schemaVersion()).isEqualTo(1);

        assertThat(old.createSchema()).isEqualTo(3);
        assertThat(old.schemaVersion()).isEqualTo(3);
        assertThat(old.find(j.id())).contains(j);
        assertThat(old.dispatchesInDoubt(T0.plusSeconds(60), 10)).isEmpty();
    }

    @Test
    void a_schema_and_prefix_of_its_own_are_created_on_demand() {
        JdbcJourneyStore other = JdbcJourneyStore.builder(pool).clock(clock).schema("cadence_it").tablePrefix("own_").build();
        TestDatabase.execute(pool, "DROP SCHEMA IF EXISTS cadence_it CASCADE");
        assertThat(other.schemaVersion()).isZero();
        assertThat(other.table("journeys")).isEqualTo("cadence_it.own_journeys");
        assertThat(other.createSchema()).isEqualTo(3);
        assertThat(other.schemaVersion()).isEqualTo(3);
        Journey j = journey("c1", "i", "cad", 1, T0);
        assertThat(other.insert(j)).isTrue();
        assertThat(other.find(j.id())).contains(j);
        assertThat(store.find(j.id())).as("the contract's tables are others").isEmpty();
    }

    @Test
    void a_database_with_a_newer_schema_is_refused_naming_both_versions() {
        JdbcJourneyStore other = JdbcJourneyStore.builder(pool).clock(clock).tablePrefix("future_").build();
        TestDatabase.execute(pool, "DROP TABLE IF EXISTS future_schema_version",
                "CREATE TABLE future_schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL)",
                "INSERT INTO future_schema_version VALUES (4, 'schema-v4.sql', now())");
        assertThatIllegalStateException().isThrownBy(other::createSchema)
                .withMessage("table future_schema_version says the schema is at version 4, newer than this library knows (3)");
    }

    @Test
    void a_missing_table_is_reported_with_its_name() {
        JdbcJourneyStore nowhere = JdbcJourneyStore.builder(pool).clock(clock).tablePrefix("missing_").build();
        assertThatThrownBy(() -> nowhere.find(new JourneyId("c1", "i", "cad", 1)))
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageStartingWith("cannot read journey c1/i/cad#1 (table missing_journeys): ERROR: relation \"missing_journeys\" does not exist")
                .hasMessageEndingWith("[SQLState 42P01]");
    }

    // ------------------------------------------------------------------ bad rows

    @Test
    void a_corrupted_payload_is_reported_with_the_journey_id_and_table_and_nothing_else_is_lost() {
        Journey c1 = journey("c1", "i", "cad", 1, T0);
        Journey c2 = journey("c2", "i", "cad", 1, T0.plusSeconds(1));
        Journey c3 = journey("c3", "i", "cad", 1, T0.plusSeconds(2));
        List.of(c1, c2, c3).forEach(store::insert);
        TestDatabase.execute(pool, "UPDATE " + PREFIX + "journeys SET payload = jsonb_set(payload, '{zone}', '\"Mars/Olympus\"')"
                + " WHERE customer_id = 'c2'");

        assertThatThrownBy(() -> store.find(c2.id())).isInstanceOf(JdbcStoreException.class)
                .hasMessage("journey c2/i/cad#1 in table contract_journeys has an unreadable payload: $.zone: Unknown time-zone ID: Mars/Olympus");
        assertThatThrownBy(() -> store.query(JourneyQuery.byCadence("cad"))).hasMessageContaining("journey c2/i/cad#1");
        assertThat(store.find(c1.id())).contains(c1);
        assertThat(store.latest(c3.key())).contains(c3);

        assertThat(store.claimDue(T0.plusSeconds(10), 10, lease("a", T0.plusSeconds(60))))
                .as("the claim hands out the readable ones").containsExactly(c1, c3);
        assertThat(store.claimDue(T0.plusSeconds(10), 10, lease("b", T0.plusSeconds(60))))
                .as("the unreadable one stays leased to the claimer").isEmpty();
        assertThat(countBy("SELECT payload->>'zone', count(*) FROM " + PREFIX + "journeys WHERE customer_id = 'c2' GROUP BY 1"))
                .as("and is not changed").isEqualTo(Map.of("Mars/Olympus", 1L));

        for (Journey done : List.of(c1, c3)) { // the claimer processes the readable ones
            Journey.Edit next = done.edit();
            next.dueAt = T0.plusSeconds(3600);
            assertThat(store.replace(next.build())).isTrue();
            store.release(done.id(), "a");
        }
        TestDatabase.execute(pool, "UPDATE " + PREFIX + "journeys SET payload = jsonb_set(payload, '{zone}', '\"America/Sao_Paulo\"')"
                + " WHERE customer_id = 'c2'");
        assertThat(store.claimDue(T0.plusSeconds(60), 10, lease("b", T0.plusSeconds(120))))
                .as("mended, it is claimed once the lease ends").containsExactly(c2);
    }

    @Test
    void a_payload_of_another_journey_or_a_bad_customer_row_is_reported_with_the_id_and_table() {
        Journey c1 = journey("c1", "i", "cad", 1, T0);
        Journey c2 = journey("c2", "i", "cad", 1, T0);
        store.insert(c1);
        store.insert(c2);
        TestDatabase.execute(pool, "UPDATE " + PREFIX + "journeys SET payload = (SELECT payload FROM " + PREFIX
                + "journeys WHERE customer_id = 'c1') WHERE customer_id = 'c2'");
        assertThatThrownBy(() -> store.find(c2.id())).isInstanceOf(JdbcStoreException.class)
                .hasMessage("journey c2/i/cad#1 version 1 in table contract_journeys has the payload of journey c1/i/cad#1 version 1");

        store.saveCustomer(Customer.builder("ana").phone("+5511987654321").build());
        store.saveCustomer(Customer.builder("bia").build());
        TestDatabase.execute(pool, "UPDATE " + PREFIX + "customers SET payload = jsonb_set(payload, '{contactPoints,0,value}', '\"12\"')"
                + " WHERE id = 'ana'");
        assertThatThrownBy(() -> store.customer("ana")).isInstanceOf(JdbcStoreException.class)
                .hasMessage("customer 'ana' in table contract_customers has an unreadable payload: $.contactPoints[0]: "
                        + "phone number must be in E.164 form (+ and 7 to 15 digits), but was '12'");
        assertThat(store.customer("bia")).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo("bia"));
    }

    // ------------------------------------------------------------------ runs, events, pauses, rejections

    @Test
    void concurrent_enrolments_of_new_runs_leave_one_live_journey_per_key() throws Exception {
        int keys = 25;
        for (int k = 0; k < keys; k++) {
            Journey first = journey("c" + k, "i", "cad", 1, T0);
            store.insert(first);
            store.replace(first.edit().end(JourneyStatus.COMPLETED, "horizon-reached", T0).build());
        }
        ExecutorService writers = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> wins = new ArrayList<>();
        for (int run = 2; run <= 5; run++) {
            int r = run;
            wins.add(writers.submit(() -> {
                start.await();
                int won = 0;
                for (int k = 0; k < keys; k++) {
                    won += store.insert(journey("c" + k, "i", "cad", r, T0)) ? 1 : 0;
                }
                return won;
            }));
        }
        start.countDown();
        int won = 0;
        for (Future<Integer> f : wins) {
            won += f.get(60, TimeUnit.SECONDS);
        }
        writers.shutdown();
        assertThat(won).isEqualTo(keys);
        assertThat(countBy("SELECT live::text, count(*) FROM " + PREFIX + "journeys GROUP BY live"))
                .isEqualTo(Map.of("true", (long) keys, "false", (long) keys));
    }

    @Test
    void event_ids_older_than_the_retention_window_are_forgotten() {
        JdbcJourneyStore s = JdbcJourneyStore.builder(pool).clock(clock).tablePrefix(PREFIX).eventRetention(Duration.ofDays(1)).build();
        assertThat(s.markEventSeen("old", T0)).isTrue();
        assertThat(s.markEventSeen("new", T0.plus(Duration.ofDays(2)))).isTrue();
        assertThat(s.wasEventSeen("old")).as("forgotten after a day").isFalse();
        assertThat(s.markEventSeen("old", T0.plus(Duration.ofDays(2)))).isTrue();
        assertThat(s.markEventSeen("new", T0.plus(Duration.ofDays(2)))).isFalse();
        assertThat(s.forgetEventsSeenBefore(T0.plus(Duration.ofDays(3)))).isEqualTo(2);
    }

    @Test
    void only_the_latest_rejections_are_kept() {
        JdbcJourneyStore s = JdbcJourneyStore.builder(pool).clock(clock).tablePrefix(PREFIX).maxRejections(2).build();
        for (int i = 0; i < 5; i++) {
            s.recordRejection(new Rejection(T0.plusSeconds(i), "e" + i, "malformed", "$.id: missing", "{\"n\":" + i + "}"));
        }
        assertThat(s.rejections(10)).containsExactly(
                new Rejection(T0.plusSeconds(3), "e3", "malformed", "$.id: missing", "{\"n\":3}"),
                new Rejection(T0.plusSeconds(4), "e4", "malformed", "$.id: missing", "{\"n\":4}"));
        assertThat(countBy("SELECT 'rows', count(*) FROM " + PREFIX + "rejections")).isEqualTo(Map.of("rows", 3L));
        assertThat(s.rejections(0)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> s.rejections(-1))
                .withMessage("rejections limit must not be negative, but was -1");
    }

    @Test
    void a_pause_set_through_another_instance_is_seen_within_the_refresh_interval() {
        JdbcJourneyStore other = storeOn(pool);
        assertThat(store.paused(PauseScope.CADENCE)).isEmpty();
        other.setPaused(PauseScope.CADENCE, "card-late", true);
        assertThat(other.paused(PauseScope.CADENCE)).as("at once where it was set").containsExactly("card-late");
        assertThat(store.paused(PauseScope.CADENCE)).as("read less than a second ago").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.paused(PauseScope.CADENCE)).containsExactly("card-late");
        assertThat(store.paused(PauseScope.CUSTOMER)).isEmpty();

        JdbcJourneyStore everyCall = JdbcJourneyStore.builder(pool).clock(clock).tablePrefix(PREFIX).pauseRefresh(Duration.ZERO).build();
        assertThat(everyCall.paused(PauseScope.CADENCE)).containsExactly("card-late");
        other.setPaused(PauseScope.CADENCE, "card-late", false);
        assertThat(everyCall.paused(PauseScope.CADENCE)).isEmpty();
    }

    @Test
    void a_pool_whose_connections_do_not_auto_commit_still_commits_every_write() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabase.server().getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(1);
        config.setAutoCommit(false);
        try (HikariDataSource manual = new HikariDataSource(config)) {
            JdbcJourneyStore s = storeOn(manual);
            Journey j = journey("c1", "i", "cad", 1, T0);
            assertThat(s.insert(j)).isTrue();
            assertThat(s.replaceAll(List.of(j.edit().build()))).containsExactly(true);
            s.markEventSeen("e1", T0);
        }
        assertThat(store.find(new JourneyId("c1", "i", "cad", 1)).orElseThrow().version()).isEqualTo(2);
        assertThat(store.wasEventSeen("e1")).isTrue();
    }

    @Test
    void bad_settings_are_refused_naming_the_value() {
        assertThatIllegalArgumentException().isThrownBy(() -> JdbcJourneyStore.builder(pool).tablePrefix("Cadence-"))
                .withMessage("table prefix must be lower-case letters, digits and underscores (at most 40, not starting with a digit),"
                        + " but was 'Cadence-'");
        assertThatIllegalArgumentException().isThrownBy(() -> JdbcJourneyStore.builder(pool).schema("x; DROP TABLE y"))
                .withMessageStartingWith("schema must be lower-case letters");
        assertThatIllegalArgumentException().isThrownBy(() -> JdbcJourneyStore.builder(pool).eventRetention(Duration.ZERO))
                .withMessage("event retention must be positive, but was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> JdbcJourneyStore.builder(pool).maxRejections(0))
                .withMessage("max rejections must be at least 1, but was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> JdbcJourneyStore.builder(pool).pauseRefresh(Duration.ofSeconds(-1)))
                .withMessage("pause refresh must not be negative, but was PT-1S");
        assertThatIllegalStateException().isThrownBy(() -> JdbcJourneyStore.builder(pool).tablePrefix("a_").tablePrefix("b_"))
                .withMessage("the store's table prefix was already set to 'a_'; cannot set it to 'b_'");
        assertThatIllegalStateException().isThrownBy(() -> JdbcJourneyStore.builder(pool).build())
                .withMessage("the store needs a clock: call clock(...) with the engine's InstantSource");
        assertThatIllegalArgumentException().isThrownBy(() -> store.claimDue(T0, 0, lease("a", T0)))
                .withMessage("claim limit must be at least 1, but was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> store.insert(journey("c1", "i", "cad", 1, T0).edit().build()))
                .withMessage("a new journey must have version 1, but c1/i/cad#1 has 2");
    }

    // ------------------------------------------------------------------ helpers

    private String leaseOf(JourneyId id) {
        Map<String, Long> rows = countBy("SELECT coalesce(lease_owner || ' until ' || to_char(lease_until AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), 'none'), count(*) FROM " + PREFIX + "journeys WHERE customer_id = '"
                + id.customerId() + "' GROUP BY 1");
        assertThat(rows.values()).containsExactly(1L);
        return rows.keySet().iterator().next();
    }

    /** Rows of (text, count) as a map. */
    private static Map<String, Long> countBy(String sql) {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.put(r.getString(1), r.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }
}
