package io.cadencerules.testkit;

import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.event.Rejection;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyKey;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.store.JourneyQuery;
import io.cadencerules.store.JourneyStore;
import io.cadencerules.store.Lease;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link JourneyStore} must keep. An implementation's test extends this class
 * and provides a fresh, empty store:
 *
 * <pre>{@code
 * class JdbcJourneyStoreTest extends JourneyStoreContract {
 *     protected JourneyStore newStore() { return new JdbcJourneyStore(dataSource); }
 * }
 * }</pre>
 */
public abstract class JourneyStoreContract {

    /** Time zero of the contract's scenarios. */
    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private JourneyStore store;

    /** A fresh, empty store. */
    protected abstract JourneyStore newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    /** A journey of version 1 due at {@code due} (null: not due), for the contract's scenarios. */
    protected static Journey journey(String customerId, String subjectKey, String cadenceId, int run, Instant due) {
        Debt debt = Debt.of(subjectKey, Money.brl("100.00"), LocalDate.of(2026, 3, 10));
        return new Journey(new JourneyId(customerId, subjectKey, cadenceId, run), 1, debt, ZoneId.of("America/Sao_Paulo"),
                due == null ? JourneyStatus.WAITING : JourneyStatus.ACTIVE, "enrolled", T0, T0, 0, 0, 0, 1, 0, null, due,
                null, Set.of(), List.of(), null, 1);
    }

    private static Journey bump(Journey j, Instant due) {
        Journey.Edit e = j.edit();
        e.dueAt = due;
        return e.build();
    }

    private static Journey ended(Journey j) {
        return j.edit().end(JourneyStatus.COMPLETED, "horizon-reached", T0).build();
    }

    private static Lease lease(String owner, Duration length) {
        return new Lease(owner, T0.plus(length));
    }

    @Test
    void inserted_journey_is_found_by_id_key_and_customer() {
        Journey j = journey("c1", "inv1", "cad", 1, T0);
        assertThat(store.insert(j)).isTrue();
        assertThat(store.find(j.id())).contains(j);
        assertThat(store.latest(j.key())).contains(j);
        assertThat(store.query(new JourneyQuery("c1", null, null, 10))).containsExactly(j);
        assertThat(store.query(new JourneyQuery("other", null, null, 10))).isEmpty();
    }

    @Test
    void second_insert_of_the_same_id_is_refused_and_keeps_the_first() {
        Journey first = journey("c1", "inv1", "cad", 1, T0);
        store.insert(first);
        assertThat(store.insert(journey("c1", "inv1", "cad", 1, T0.plusSeconds(5)))).isFalse();
        assertThat(store.find(first.id())).contains(first);
    }

    @Test
    void a_new_run_is_accepted_only_after_the_previous_ended() {
        Journey first = journey("c1", "inv1", "cad", 1, T0);
        store.insert(first);
        assertThat(store.insert(journey("c1", "inv1", "cad", 2, T0))).isFalse();
        Journey done = ended(first);
        assertThat(store.replace(done)).isTrue();
        Journey second = journey("c1", "inv1", "cad", 2, T0);
        assertThat(store.insert(second)).isTrue();
        assertThat(store.latest(first.key())).contains(second);
        assertThat(store.find(first.id())).contains(done);
        assertThat(store.query(new JourneyQuery("c1", "cad", null, 10))).containsExactlyInAnyOrder(done, second);
    }

    @Test
    void replace_succeeds_only_from_the_previous_version() {
        Journey v1 = journey("c1", "inv1", "cad", 1, T0);
        store.insert(v1);
        Journey v2 = bump(v1, T0.plusSeconds(60));
        assertThat(store.replace(v2)).isTrue();
        Journey staleV2 = bump(v1, T0.plusSeconds(120));
        assertThat(store.replace(staleV2)).as("a write from version 1 after version 2 was stored").isFalse();
        assertThat(store.find(v1.id())).contains(v2);
        assertThat(store.replace(journey("zz", "inv1", "cad", 1, T0).edit().build())).as("unknown journey").isFalse();
    }

    @Test
    void replace_all_writes_each_journey_from_its_previous_version_and_says_which_were_written() {
        Journey a1 = journey("c1", "i", "cad", 1, T0);
        Journey b1 = journey("c2", "i", "cad", 1, T0);
        store.insert(a1);
        store.insert(b1);
        Journey b2 = bump(b1, T0.plusSeconds(5));
        assertThat(store.replace(b2)).isTrue();
        Journey a2 = bump(a1, T0.plusSeconds(60));
        Journey a3 = bump(a2, T0.plusSeconds(120));
        Journey staleB2 = bump(b1, T0.plusSeconds(9));
        Journey unknown = journey("zz", "i", "cad", 1, T0).edit().build();

        boolean[] written = store.replaceAll(List.of(staleB2, a2, unknown, a3));

        assertThat(written).containsExactly(false, true, false, true);
        assertThat(store.find(a1.id())).contains(a3);
        assertThat(store.find(b1.id())).as("the stale write lost, the other write stays").contains(b2);
        assertThat(store.claimDue(T0.plusSeconds(60), 10, lease("a", Duration.ofMinutes(5))))
                .as("due times written by the batch are the ones claimed").containsExactly(b2);
        assertThat(store.replaceAll(List.of())).isEmpty();
    }

    @Test
    void claim_due_returns_due_journeys_earliest_first_up_to_the_limit() {
        store.insert(journey("c3", "i", "cad", 1, T0.plusSeconds(30)));
        store.insert(journey("c1", "i", "cad", 1, T0.plusSeconds(10)));
        store.insert(journey("c2", "i", "cad", 1, T0.plusSeconds(20)));
        store.insert(journey("c4", "i", "cad", 1, T0.plusSeconds(3600)));
        store.insert(journey("c5", "i", "cad", 1, null));

        List<Journey> claimed = store.claimDue(T0.plusSeconds(60), 2, lease("a", Duration.ofMinutes(5)));
        assertThat(claimed).extracting(Journey::customerId).containsExactly("c1", "c2");
        List<Journey> rest = store.claimDue(T0.plusSeconds(60), 10, lease("a", Duration.ofMinutes(5)));
        assertThat(rest).extracting(Journey::customerId).containsExactly("c3");
    }

    @Test
    void a_leased_journey_is_not_claimed_again_until_released() {
        Journey j = journey("c1", "i", "cad", 1, T0);
        store.insert(j);
        assertThat(store.claimDue(T0, 10, lease("a", Duration.ofMinutes(5)))).hasSize(1);
        assertThat(store.claimDue(T0, 10, lease("b", Duration.ofMinutes(5)))).isEmpty();
        assertThat(store.claim(j.id(), T0, lease("b", Duration.ofMinutes(5)))).isFalse();
        store.release(j.id(), "b");
        assertThat(store.claimDue(T0, 10, lease("b", Duration.ofMinutes(5)))).as("release by a non-owner is a no-op").isEmpty();
        store.release(j.id(), "a");
        assertThat(store.claimDue(T0, 10, lease("b", Duration.ofMinutes(5)))).hasSize(1);
    }

    @Test
    void an_expired_lease_lets_another_owner_take_the_journey_over() {
        Journey j = journey("c1", "i", "cad", 1, T0);
        store.insert(j);
        assertThat(store.claimDue(T0, 10, lease("dead", Duration.ofSeconds(15)))).hasSize(1);
        assertThat(store.claimDue(T0.plusSeconds(10), 10, lease("b", Duration.ofMinutes(5)))).isEmpty();
        List<Journey> takenOver = store.claimDue(T0.plusSeconds(16), 10, new Lease("b", T0.plusSeconds(316)));
        assertThat(takenOver).extracting(Journey::id).containsExactly(j.id());
    }

    @Test
    void a_write_while_leased_keeps_the_journey_leased_and_release_makes_it_due_again() {
        Journey j = journey("c1", "i", "cad", 1, T0);
        store.insert(j);
        store.claimDue(T0, 10, lease("a", Duration.ofMinutes(5)));
        Journey next = bump(j, T0.plusSeconds(5));
        assertThat(store.replace(next)).isTrue();
        assertThat(store.claimDue(T0.plusSeconds(10), 10, lease("b", Duration.ofMinutes(5)))).isEmpty();
        store.release(j.id(), "a");
        assertThat(store.claimDue(T0.plusSeconds(10), 10, lease("b", Duration.ofMinutes(5)))).containsExactly(next);
    }

    @Test
    void a_journey_no_longer_due_is_not_claimed() {
        Journey j = journey("c1", "i", "cad", 1, T0);
        store.insert(j);
        store.replace(bump(j, T0.plusSeconds(3600)));
        assertThat(store.claimDue(T0.plusSeconds(60), 10, lease("a", Duration.ofMinutes(5)))).isEmpty();
        assertThat(store.nextDue()).contains(T0.plusSeconds(3600));
        store.replace(ended(store.find(j.id()).orElseThrow()));
        assertThat(store.nextDue()).isEmpty();
        assertThat(store.claimDue(T0.plusSeconds(7200), 10, lease("a", Duration.ofMinutes(5)))).isEmpty();
    }

    @Test
    void next_due_is_claimable_even_with_sub_millisecond_due_times() {
        Instant due = T0.plusNanos(123_456_789);
        store.insert(journey("c1", "i", "cad", 1, due));
        Instant next = store.nextDue().orElseThrow();
        assertThat(next).isAfterOrEqualTo(due);
        assertThat(store.claimDue(next, 10, lease("a", Duration.ofMinutes(5)))).hasSize(1);
    }

    @Test
    void two_writers_from_the_same_version_one_wins() throws Exception {
        Journey v1 = journey("c1", "i", "cad", 1, T0);
        store.insert(v1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        Future<Boolean> a = pool.submit(() -> {
            go.await();
            return store.replace(bump(v1, T0.plusSeconds(1)));
        });
        Future<Boolean> b = pool.submit(() -> {
            go.await();
            return store.replace(bump(v1, T0.plusSeconds(2)));
        });
        go.countDown();
        boolean first = a.get(10, TimeUnit.SECONDS);
        boolean second = b.get(10, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(first ^ second).as("exactly one of two writes from version 1 wins").isTrue();
        assertThat(store.find(v1.id()).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void next_due_is_the_earliest_unleased_due_time() {
        assertThat(store.nextDue()).isEmpty();
        store.insert(journey("c1", "i", "cad", 1, T0.plusSeconds(20)));
        store.insert(journey("c2", "i", "cad", 1, T0.plusSeconds(10)));
        assertThat(store.nextDue()).contains(T0.plusSeconds(10));
        store.claimDue(T0.plusSeconds(10), 1, lease("a", Duration.ofMinutes(5)));
        assertThat(store.nextDue()).contains(T0.plusSeconds(20));
    }

    @Test
    void an_event_id_is_seen_once() {
        assertThat(store.wasEventSeen("e1")).isFalse();
        assertThat(store.markEventSeen("e1", T0)).isTrue();
        assertThat(store.wasEventSeen("e1")).isTrue();
        assertThat(store.markEventSeen("e1", T0.plusSeconds(1))).isFalse();
        assertThat(store.markEventSeen("e2", T0)).isTrue();
    }

    @Test
    void queries_filter_by_status_and_cadence_and_respect_the_limit() {
        for (int i = 0; i < 5; i++) {
            store.insert(journey("c" + i, "i", i % 2 == 0 ? "even" : "odd", 1, i < 3 ? T0 : null));
        }
        assertThat(store.query(JourneyQuery.byCadence("even"))).hasSize(3);
        assertThat(store.query(JourneyQuery.byStatus(JourneyStatus.WAITING))).hasSize(2);
        assertThat(store.query(JourneyQuery.byCadence("even").status(JourneyStatus.ACTIVE))).hasSize(2);
        assertThat(store.query(JourneyQuery.byStatus(JourneyStatus.ACTIVE).limit(2))).hasSize(2);
    }

    @Test
    void rejections_are_kept_in_order() {
        store.recordRejection(new Rejection(T0, "e1", "malformed", "$.id: missing", "{}"));
        store.recordRejection(new Rejection(T0.plusSeconds(1), "e2", "unknown-journey", "no journey", "{}"));
        assertThat(store.rejections(10)).extracting(Rejection::eventId).containsExactly("e1", "e2");
        assertThat(store.rejections(1)).extracting(Rejection::eventId).containsExactly("e2");
    }

    @Test
    void manual_pauses_are_kept_per_scope() {
        store.setPaused(JourneyStore.PauseScope.CADENCE, "card-late", true);
        store.setPaused(JourneyStore.PauseScope.CUSTOMER, "c-1", true);
        store.setPaused(JourneyStore.PauseScope.CUSTOMER, "c-2", true);
        store.setPaused(JourneyStore.PauseScope.CUSTOMER, "c-2", false);
        assertThat(store.paused(JourneyStore.PauseScope.CADENCE)).containsExactly("card-late");
        assertThat(store.paused(JourneyStore.PauseScope.CUSTOMER)).containsExactly("c-1");
    }

    @Test
    void customers_are_saved_and_replaced() {
        store.saveCustomer(Customer.builder("c1").name("Ana").build());
        store.saveCustomer(Customer.builder("c1").name("Ana Maria").build());
        assertThat(store.customer("c1")).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("Ana Maria"));
        assertThat(store.customer("nobody")).isEmpty();
    }

    @Test
    void concurrent_claimers_never_get_the_same_journey() throws Exception {
        int journeys = 2_000;
        for (int i = 0; i < journeys; i++) {
            store.insert(journey("c" + i, "i", "cad", 1, T0.plusMillis(i % 50)));
        }
        Set<JourneyKey> seen = ConcurrentHashMap.newKeySet();
        List<JourneyKey> duplicates = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> claimers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String owner = "owner-" + t;
            claimers.add(pool.submit(() -> {
                start.await();
                int n = 0;
                List<Journey> batch;
                while (!(batch = store.claimDue(T0.plusSeconds(1), 37, lease(owner, Duration.ofMinutes(5)))).isEmpty()) {
                    for (Journey j : batch) {
                        if (!seen.add(j.key())) {
                            synchronized (duplicates) {
                                duplicates.add(j.key());
                            }
                        }
                    }
                    n += batch.size();
                }
                return n;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : claimers) {
            total += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(duplicates).isEmpty();
        assertThat(total).isEqualTo(journeys);
        assertThat(new HashSet<>(seen)).hasSize(journeys);
    }
}
