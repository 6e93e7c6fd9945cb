package io.cadencerules.testkit;

import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.event.AccountNotice;
import io.cadencerules.policy.ContactEntry;
import io.cadencerules.policy.ContactLedger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every {@link io.cadencerules.policy.ContactLedger} must keep. An implementation's
 * test extends this class and provides a fresh, empty ledger with a given retention:
 *
 * <pre>{@code
 * class JdbcContactLedgerTest extends ContactLedgerContract {
 *     protected ContactLedger newLedger(Duration retention) {
 *         return JdbcContactLedger.builder(dataSource).clock(clock).retention(retention).build();
 *     }
 * }
 * }</pre>
 */
public abstract class ContactLedgerContract {

    /** Time zero of the contract's scenarios. */
    protected static final Instant T0 = Instant.parse("2026-03-10T13:00:00Z");
    /** The retention of the ledgers the contract asks for, unless a test says otherwise. */
    protected static final Duration RETENTION = Duration.ofDays(10);

    /** A fresh, empty ledger keeping attempts and conversations for {@code retention}. */
    protected abstract ContactLedger newLedger(Duration retention);

    /** An SMS attempt for collection at {@code at}. */
    protected static ContactEntry.Attempt sms(Instant at, String reference) {
        return new ContactEntry.Attempt(at, Channel.SMS, Purpose.COLLECTION, "inv-1", reference);
    }

    /** A check that refuses once the person has {@code max} attempts. */
    protected static Function<List<ContactEntry>, String> atMost(int max) {
        return entries -> entries.stream().filter(e -> e instanceof ContactEntry.Attempt).count() >= max ? "cap of " + max : null;
    }

    /** The same check, taking a fifth of a millisecond: a ledger that is not atomic lets others in meanwhile. */
    private static Function<List<ContactEntry>, String> slowly(Function<List<ContactEntry>, String> check) {
        return entries -> {
            String answer = check.apply(entries);
            LockSupport.parkNanos(200_000);
            return answer;
        };
    }

    private static List<ContactEntry.Attempt> attempts(ContactLedger ledger, String customerId) {
        List<ContactEntry.Attempt> out = new ArrayList<>();
        for (ContactEntry e : ledger.entries(customerId)) {
            if (e instanceof ContactEntry.Attempt a) {
                out.add(a);
            }
        }
        return out;
    }

    @Test
    void every_kind_of_entry_comes_back_equal_to_what_was_recorded() {
        ContactLedger ledger = newLedger(RETENTION);
        List<ContactEntry> written = List.of(
                new ContactEntry.Attempt(T0, Channel.VOICE_BLAST, Purpose.MARKETING, "lead-7", "c1/lead-7/offer#1/s1/1"),
                new ContactEntry.Attempt(T0.plusNanos(1), Channel.EMAIL, Purpose.TRANSACTIONAL, null, null),
                new ContactEntry.Conversation(T0.plusSeconds(1), "inv-1", "call-9"),
                new ContactEntry.Conversation(T0.plusSeconds(2), null, null),
                new ContactEntry.OptOut(T0.plusSeconds(3), Channel.SMS, Purpose.MARKETING, "reply 'PARAR' on SMS"),
                new ContactEntry.OptOut(T0.plusSeconds(4), null, null, null),
                new ContactEntry.Notice(T0.plusSeconds(5), AccountNotice.Kind.DISPUTE, "inv-1", "notice-1"),
                new ContactEntry.Notice(T0.plusMillis(5_001).plusNanos(999), AccountNotice.Kind.CEASE, null, null));
        for (ContactEntry e : written) {
            ledger.record("c1", e);
        }
        assertThat(ledger.entries("c1")).containsExactlyElementsOf(written);
    }

    @Test
    void entries_are_listed_oldest_first_and_ties_in_the_order_written() {
        ContactLedger ledger = newLedger(RETENTION);
        ContactEntry.Attempt late = sms(T0.plusSeconds(60), "late");
        ContactEntry.Attempt early = sms(T0, "early");
        ContactEntry.Attempt tieFirst = sms(T0.plusSeconds(30), "tie-1");
        ContactEntry.Conversation tieSecond = new ContactEntry.Conversation(T0.plusSeconds(30), "inv-1", "call-1");
        ContactEntry.Attempt tieThird = sms(T0.plusSeconds(30), "tie-3");
        ledger.record("c1", late);
        ledger.record("c1", early);
        ledger.record("c1", tieFirst);
        ledger.record("c1", tieSecond);
        assertThat(ledger.reserve("c1", tieThird, atMost(10))).isNull();
        assertThat(ledger.entries("c1")).containsExactly(early, tieFirst, tieSecond, tieThird, late);
    }

    @Test
    void people_are_kept_apart_and_an_unknown_person_has_no_entries() {
        ContactLedger ledger = newLedger(RETENTION);
        ledger.record("c1", sms(T0, "one"));
        ledger.record("c2", new ContactEntry.OptOut(T0, null, null, "event e-1"));
        assertThat(ledger.entries("c1")).containsExactly(sms(T0, "one"));
        assertThat(ledger.entries("c2")).containsExactly(new ContactEntry.OptOut(T0, null, null, "event e-1"));
        assertThat(ledger.entries("nobody")).isEmpty();
        assertThat(ledger.reserve("c2", sms(T0, "two"), atMost(1))).as("c1's attempt does not count for c2").isNull();
    }

    @Test
    void a_reservation_asks_the_check_about_the_persons_entries_and_adds_the_attempt_only_when_it_agrees() {
        ContactLedger ledger = newLedger(RETENTION);
        ContactEntry.OptOut optOut = new ContactEntry.OptOut(T0, Channel.EMAIL, null, "event e-1");
        ledger.record("c1", optOut);
        List<List<ContactEntry>> seen = new ArrayList<>();
        ContactEntry.Attempt first = sms(T0.plusSeconds(1), "first");
        Function<List<ContactEntry>, String> agreeing = entries -> {
            seen.add(List.copyOf(entries));
            return null;
        };
        assertThat(ledger.reserve("c1", first, agreeing)).isNull();
        assertThat(seen).containsExactly(List.of(optOut));

        String refusal = ledger.reserve("c1", sms(T0.plusSeconds(2), "second"), entries -> {
            seen.add(List.copyOf(entries));
            return "no: " + entries.size() + " entries";
        });
        assertThat(refusal).isEqualTo("no: 2 entries");
        assertThat(seen.get(1)).containsExactly(optOut, first);
        assertThat(ledger.entries("c1")).as("a refused attempt is not added").containsExactly(optOut, first);
    }

    @Test
    void a_check_that_throws_adds_nothing_and_the_exception_reaches_the_caller() {
        ContactLedger ledger = newLedger(RETENTION);
        ledger.record("c1", sms(T0, "one"));
        assertThatThrownBy(() -> ledger.reserve("c1", sms(T0.plusSeconds(1), "two"), entries -> {
            throw new IllegalStateException("the check broke");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the check broke");
        assertThat(ledger.entries("c1")).containsExactly(sms(T0, "one"));
        assertThat(ledger.reserve("c1", sms(T0.plusSeconds(2), "three"), atMost(2))).as("the person is not left locked").isNull();
    }

    @Test
    void cancelling_removes_one_equal_attempt_and_ignores_unknown_ones() {
        ContactLedger ledger = newLedger(RETENTION);
        ContactEntry.Attempt a = sms(T0, "a");
        ContactEntry.Attempt b = sms(T0.plusSeconds(1), "b");
        assertThat(ledger.reserve("c1", a, atMost(3))).isNull();
        assertThat(ledger.reserve("c1", b, atMost(3))).isNull();
        assertThat(ledger.reserve("c1", a, atMost(3))).as("the same attempt twice").isNull();
        assertThat(ledger.reserve("c1", sms(T0.plusSeconds(2), "c"), atMost(3))).isEqualTo("cap of 3");

        ledger.cancel("c1", a);
        assertThat(ledger.entries("c1")).containsExactly(a, b);
        ledger.cancel("c1", sms(T0, "never reserved"));
        ledger.cancel("c1", new ContactEntry.Attempt(T0, Channel.EMAIL, Purpose.COLLECTION, "inv-1", "a"));
        ledger.cancel("c2", b);
        ledger.cancel("nobody", b);
        assertThat(ledger.entries("c1")).as("only an equal attempt of the same person is removed").containsExactly(a, b);
        assertThat(ledger.reserve("c1", sms(T0.plusSeconds(2), "c"), atMost(3))).as("the cancelled one no longer counts").isNull();
    }

    @Test
    void attempts_and_conversations_older_than_the_retention_are_dropped_but_opt_outs_and_notices_are_kept() {
        ContactLedger ledger = newLedger(RETENTION);
        ContactEntry.Attempt oldAttempt = sms(T0, "old");
        ContactEntry.Conversation oldTalk = new ContactEntry.Conversation(T0, "inv-1", "call-1");
        ContactEntry.OptOut optOut = new ContactEntry.OptOut(T0, Channel.SMS, null, "reply 'SAIR'");
        ContactEntry.Notice notice = new ContactEntry.Notice(T0, AccountNotice.Kind.COMPLAINT, null, "notice-1");
        ContactEntry.Attempt recent = sms(T0.plus(Duration.ofDays(3)), "recent");
        for (ContactEntry e : List.of(oldAttempt, oldTalk, optOut, notice, recent)) {
            ledger.record("c1", e);
        }
        ContactEntry.Attempt atTheEdge = sms(T0.plus(RETENTION), "edge");
        ledger.record("c1", atTheEdge);
        assertThat(ledger.entries("c1")).as("exactly the retention old: kept")
                .containsExactly(oldAttempt, oldTalk, optOut, notice, recent, atTheEdge);

        ContactEntry.Attempt next = sms(T0.plus(RETENTION).plusNanos(1), "next");
        List<List<ContactEntry>> seen = new ArrayList<>();
        Function<List<ContactEntry>, String> agreeing = entries -> {
            seen.add(List.copyOf(entries));
            return null;
        };
        assertThat(ledger.reserve("c1", next, agreeing)).isNull();
        assertThat(seen.get(0)).as("the check sees every entry within the retention (expired ones may still be there)")
                .containsSubsequence(optOut, notice, recent, atTheEdge).endsWith(atTheEdge);
        assertThat(ledger.entries("c1")).containsExactly(optOut, notice, recent, atTheEdge, next);
        assertThat(attempts(ledger, "c1")).doesNotContain(oldAttempt);
    }

    @Test
    void a_longer_retention_keeps_what_a_shorter_one_drops() {
        ContactLedger ledger = newLedger(Duration.ofDays(40));
        ContactEntry.Attempt old = sms(T0, "old");
        ledger.record("c1", old);
        ledger.record("c1", sms(T0.plus(Duration.ofDays(35)), "later"));
        assertThat(ledger.entries("c1")).hasSize(2).startsWith(old);
    }

    @Test
    void racing_reservations_of_one_person_never_pass_the_check_and_lose_nothing() throws Exception {
        ContactLedger ledger = newLedger(RETENTION);
        int threads = 6;
        int rounds = 40;
        int cap = 7;
        List<String> people = List.of("c1", "c2");
        ConcurrentLinkedQueue<ContactEntry.Attempt> kept = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> talks = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        String person = people.get((i + thread) % people.size());
                        ContactEntry.Attempt attempt = sms(T0.plusSeconds(i), "t" + thread + "-" + i);
                        if (ledger.reserve(person, attempt, slowly(atMost(cap))) == null) {
                            if (i % 5 == 0) {
                                ledger.cancel(person, attempt); // not sent after all: frees its place
                            } else {
                                kept.add(attempt);
                            }
                        }
                        if (i % 7 == 0) {
                            ledger.record(person, new ContactEntry.Conversation(T0.plusSeconds(i), "inv-1", "call-" + thread + "-" + i));
                            talks.computeIfAbsent(person, p -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<ContactEntry.Attempt> all = new ArrayList<>();
        for (String person : people) {
            List<ContactEntry.Attempt> attempts = attempts(ledger, person);
            assertThat(attempts).as("attempts of %s", person).hasSizeLessThanOrEqualTo(cap);
            all.addAll(attempts);
            long conversations = ledger.entries(person).stream().filter(e -> e instanceof ContactEntry.Conversation).count();
            assertThat(conversations).as("conversations of %s", person).isEqualTo(talks.get(person).get());
        }
        assertThat(all).as("every attempt reserved and not cancelled is there, once").containsExactlyInAnyOrderElementsOf(kept);
        for (String person : people) {
            int i = 0;
            while (ledger.reserve(person, sms(T0.plusSeconds(100 + i), "fill-" + i), atMost(cap)) == null) {
                i++;
            }
            assertThat(attempts(ledger, person)).as("%s fills to the cap exactly", person).hasSize(cap);
        }
    }
}
