package io.cadencerules.testkit;

import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.policy.SpendCap;
import io.cadencerules.policy.SpendClaim;
import io.cadencerules.policy.SpendEntry;
import io.cadencerules.policy.SpendLedger;
import io.cadencerules.policy.SpendQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every {@link SpendLedger} must keep. An implementation's test extends this class and
 * provides a fresh, empty ledger in Brazilian reais:
 *
 * <pre>{@code
 * class JdbcSpendLedgerTest extends SpendLedgerContract {
 *     protected SpendLedger newLedger() {
 *         return JdbcSpendLedger.builder(dataSource).clock(clock).currency(Money.BRL).build(); // over emptied tables
 *     }
 * }
 * }</pre>
 */
public abstract class SpendLedgerContract {

    /** Time zero of the contract's scenarios. */
    protected static final Instant T0 = Instant.parse("2026-03-10T13:00:00Z");
    /** The budget day of {@link #T0}. */
    protected static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    private SpendLedger ledger;
    private final AtomicInteger keys = new AtomicInteger();

    /** A fresh, empty ledger in BRL. */
    protected abstract SpendLedger newLedger();

    @BeforeEach
    void freshLedger() {
        ledger = newLedger();
    }

    /** A journey id of the contract's scenarios. */
    protected static JourneyId journey(String customerId, String subjectKey, String cadenceId) {
        return new JourneyId(customerId, subjectKey, cadenceId, 1);
    }

    /** A claim with a fresh contact key. */
    protected SpendClaim claim(JourneyId journey, LocalDate day, String estimate, SpendCap... caps) {
        return new SpendClaim(journey, "step", Channel.SMS, journey + "/step/" + keys.incrementAndGet(), T0, day,
                Money.brl(estimate), List.of(caps));
    }

    /** A cap. */
    protected static SpendCap cap(SpendCap.Scope scope, String limit) {
        return new SpendCap(scope, Money.brl(limit));
    }

    private static void assertMoney(Money actual, String expected) {
        assertThat(actual.currency()).isEqualTo(Money.BRL);
        assertThat(actual.amount()).isEqualByComparingTo(expected);
    }

    @Test
    void a_claim_that_fits_is_reserved_at_its_estimate() {
        JourneyId j = journey("c1", "inv1", "late");
        Optional<SpendEntry> entry = ledger.reserve(claim(j, DAY, "0.08", cap(SpendCap.Scope.ACCOUNT, "1.00")));
        assertThat(entry).isPresent();
        assertThat(entry.get().status()).isEqualTo(SpendEntry.Status.RESERVED);
        assertMoney(entry.get().estimated(), "0.08");
        assertMoney(ledger.spentByJourney(j), "0.08");
        assertThat(ledger.entries(SpendQuery.all())).containsExactly(entry.get());
    }

    @Test
    void a_claim_may_fill_a_cap_exactly_but_not_pass_it() {
        JourneyId j = journey("c1", "inv1", "late");
        SpendCap account = cap(SpendCap.Scope.ACCOUNT, "0.20");
        assertThat(ledger.reserve(claim(j, DAY, "0.12", account))).isPresent();
        assertThat(ledger.reserve(claim(j, DAY, "0.09", account))).as("0.21 > 0.20").isEmpty();
        assertThat(ledger.reserve(claim(j, DAY, "0.08", account))).as("exactly 0.20").isPresent();
        assertThat(ledger.reserve(claim(j, DAY, "0.00", account))).as("nothing more fits, but nothing costs nothing").isPresent();
        assertThat(ledger.reserve(claim(j, DAY, "0.01", account))).isEmpty();
        assertMoney(ledger.spentByAccount("c1", "inv1"), "0.20");
        assertThat(ledger.entries(SpendQuery.all())).hasSize(3);
    }

    @Test
    void booking_counts_the_actual_cost_instead_of_the_estimate() {
        JourneyId j = journey("c1", "inv1", "late");
        SpendEntry reserved = ledger.reserve(claim(j, DAY, "0.08")).orElseThrow();
        SpendEntry booked = ledger.book(reserved.id(), Money.brl("0.16"), "provider cost");
        assertThat(booked.status()).isEqualTo(SpendEntry.Status.BOOKED);
        assertMoney(booked.estimated(), "0.08");
        assertMoney(booked.actual(), "0.16");
        assertThat(booked.note()).isEqualTo("provider cost");
        assertMoney(ledger.spentByJourney(j), "0.16");
        assertThat(ledger.entries(SpendQuery.all())).containsExactly(booked);
    }

    @Test
    void releasing_frees_the_reserved_money() {
        JourneyId j = journey("c1", "inv1", "late");
        SpendCap account = cap(SpendCap.Scope.ACCOUNT, "0.10");
        SpendEntry first = ledger.reserve(claim(j, DAY, "0.10", account)).orElseThrow();
        assertThat(ledger.reserve(claim(j, DAY, "0.10", account))).isEmpty();
        SpendEntry released = ledger.release(first.id(), "provider-rejected: invalid number");
        assertThat(released.status()).isEqualTo(SpendEntry.Status.RELEASED);
        assertMoney(released.counted(), "0");
        assertMoney(ledger.spentByAccount("c1", "inv1"), "0");
        assertThat(ledger.reserve(claim(j, DAY, "0.10", account))).isPresent();
    }

    @Test
    void an_uncertain_entry_stays_counted_until_booked_or_released() {
        JourneyId j = journey("c1", "inv1", "late");
        SpendClaim claim = claim(j, DAY, "0.12", cap(SpendCap.Scope.ACCOUNT, "0.20"));
        SpendEntry reserved = ledger.reserve(claim).orElseThrow();
        SpendEntry uncertain = ledger.markUncertain(reserved.id(), "outcome-unknown: timeout");
        assertThat(uncertain.status()).isEqualTo(SpendEntry.Status.UNCERTAIN);
        assertMoney(ledger.spentByJourney(j), "0.12");
        assertThat(ledger.open(claim.contactKey())).contains(uncertain);
        assertThat(ledger.reserve(claim(j, DAY, "0.12", cap(SpendCap.Scope.ACCOUNT, "0.20")))).isEmpty();

        SpendEntry booked = ledger.book(uncertain.id(), Money.brl("0.12"), "accepted");
        assertThat(booked.status()).isEqualTo(SpendEntry.Status.BOOKED);
        assertThat(ledger.open(claim.contactKey())).isEmpty();
        assertMoney(ledger.spentByJourney(j), "0.12");
    }

    @Test
    void open_finds_the_contacts_entry_while_it_holds_money() {
        JourneyId j = journey("c1", "inv1", "late");
        SpendClaim claim = claim(j, DAY, "0.08");
        assertThat(ledger.open(claim.contactKey())).isEmpty();
        SpendEntry reserved = ledger.reserve(claim).orElseThrow();
        assertThat(ledger.open(claim.contactKey())).contains(reserved);
        ledger.release(reserved.id(), "provider-deferred: rate limit");
        assertThat(ledger.open(claim.contactKey())).isEmpty();
        SpendEntry again = ledger.reserve(claim).orElseThrow();
        assertThat(again.id()).isNotEqualTo(reserved.id());
        assertThat(ledger.open(claim.contactKey())).contains(again);
    }

    @Test
    void an_entry_is_settled_once() {
        SpendEntry reserved = ledger.reserve(claim(journey("c1", "inv1", "late"), DAY, "0.08")).orElseThrow();
        ledger.book(reserved.id(), Money.brl("0.08"), "accepted");
        assertThatThrownBy(() -> ledger.book(reserved.id(), Money.brl("0.08"), "accepted"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(reserved.id()).hasMessageContaining("BOOKED");
        assertThatThrownBy(() -> ledger.release(reserved.id(), "late"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(reserved.id());
        assertThatThrownBy(() -> ledger.markUncertain(reserved.id(), "late"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(reserved.id());
        assertThatThrownBy(() -> ledger.release("no-such-entry", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-entry");
    }

    @Test
    void amounts_in_another_currency_are_refused() {
        JourneyId j = journey("c1", "inv1", "late");
        SpendClaim dollars = new SpendClaim(j, "step", Channel.SMS, "k-usd", T0, DAY, Money.of("0.08", "USD"), List.of());
        assertThatThrownBy(() -> ledger.reserve(dollars)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("USD").hasMessageContaining("BRL");
        SpendEntry reserved = ledger.reserve(claim(j, DAY, "0.08")).orElseThrow();
        assertThatThrownBy(() -> ledger.book(reserved.id(), Money.of("0.08", "USD"), "accepted"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("USD");
        assertThatThrownBy(() -> ledger.book(reserved.id(), Money.brl("-0.01"), "accepted"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.01");
    }

    @Test
    void each_cap_counts_only_its_own_scope() {
        JourneyId late = journey("c1", "inv1", "late");
        JourneyId remind = journey("c1", "inv1", "remind");
        JourneyId otherDebt = journey("c1", "inv2", "late");
        JourneyId otherCustomer = journey("c2", "inv1", "late");
        LocalDate nextDay = DAY.plusDays(1);
        LocalDate nextMonth = LocalDate.of(2026, 4, 1);
        ledger.reserve(claim(late, DAY, "1.00"));
        ledger.reserve(claim(remind, DAY, "2.00"));
        ledger.reserve(claim(otherDebt, nextDay, "4.00"));
        ledger.reserve(claim(otherCustomer, nextMonth, "8.00"));

        assertMoney(ledger.spentByJourney(late), "1.00");
        assertMoney(ledger.spentByAccount("c1", "inv1"), "3.00");
        assertMoney(ledger.spentByAccount("c1", "inv2"), "4.00");
        assertMoney(ledger.spentByCadence("late", DAY), "1.00");
        assertMoney(ledger.spentByCadence("late", nextDay), "4.00");
        assertMoney(ledger.spentByCadence("remind", nextDay), "0");
        assertMoney(ledger.spentByCadenceInMonth("late", YearMonth.of(2026, 3)), "5.00");
        assertMoney(ledger.spentByCadenceInMonth("late", YearMonth.of(2026, 4)), "8.00");
        assertMoney(ledger.spentOn(DAY), "3.00");
        assertMoney(ledger.spentOn(nextMonth), "8.00");

        assertThat(ledger.reserve(claim(late, DAY, "0.50", cap(SpendCap.Scope.CADENCE_DAY, "1.50")))).as("late on DAY: 1.00").isPresent();
        assertThat(ledger.reserve(claim(late, nextDay, "0.50", cap(SpendCap.Scope.CADENCE_DAY, "4.40")))).as("late on next day: 4.00").isEmpty();
        assertThat(ledger.reserve(claim(remind, nextMonth, "1.00", cap(SpendCap.Scope.CADENCE_MONTH, "1.00")))).as("remind in April: 0").isPresent();
        assertThat(ledger.reserve(claim(otherCustomer, nextMonth, "1.00", cap(SpendCap.Scope.GLOBAL_DAY, "9.50")))).as("April 1st: 9.00").isEmpty();
        assertThat(ledger.reserve(claim(otherDebt, DAY, "1.00", cap(SpendCap.Scope.ACCOUNT, "5.00")))).as("c1/inv2: 4.00").isPresent();
        assertThat(ledger.reserve(claim(otherDebt, DAY, "0.01", cap(SpendCap.Scope.ACCOUNT, "5.00")))).isEmpty();
    }

    @Test
    void a_claim_is_refused_when_any_one_of_its_caps_would_break() {
        JourneyId j = journey("c1", "inv1", "late");
        ledger.reserve(claim(journey("c9", "inv9", "late"), DAY, "0.90"));
        SpendClaim refused = claim(j, DAY, "0.20", cap(SpendCap.Scope.ACCOUNT, "10.00"),
                cap(SpendCap.Scope.CADENCE_DAY, "1.00"), cap(SpendCap.Scope.GLOBAL_DAY, "100.00"));
        assertThat(ledger.reserve(refused)).isEmpty();
        assertMoney(ledger.spentByJourney(j), "0");
        assertThat(ledger.entries(SpendQuery.all().journey(j))).isEmpty();
    }

    @Test
    void entries_are_listed_by_query_in_reservation_order() {
        JourneyId late = journey("c1", "inv1", "late");
        JourneyId remind = journey("c1", "inv1", "remind");
        SpendEntry a = ledger.reserve(claim(late, DAY, "0.08")).orElseThrow();
        SpendEntry b = ledger.reserve(claim(remind, DAY.plusDays(1), "0.12")).orElseThrow();
        SpendEntry c = ledger.reserve(claim(late, DAY.plusDays(2), "0.35")).orElseThrow();
        SpendEntry bookedA = ledger.book(a.id(), Money.brl("0.08"), "accepted");
        SpendEntry releasedC = ledger.release(c.id(), "not-sent: quiet hours");

        assertThat(ledger.entries(SpendQuery.all())).containsExactly(bookedA, b, releasedC);
        assertThat(ledger.entries(SpendQuery.all().journey(late))).containsExactly(bookedA, releasedC);
        assertThat(ledger.entries(SpendQuery.all().cadence("remind"))).containsExactly(b);
        assertThat(ledger.entries(SpendQuery.all().account("c1", "inv1").on(DAY.plusDays(2)))).containsExactly(releasedC);
        assertThat(ledger.entries(SpendQuery.all().between(DAY, DAY.plusDays(1)))).containsExactly(bookedA, b);
        assertThat(ledger.entries(SpendQuery.all().status(SpendEntry.Status.BOOKED))).containsExactly(bookedA);
        assertThat(ledger.entries(SpendQuery.all().account("c2", "inv1"))).isEmpty();
    }

    @Test
    void racing_threads_and_two_cadences_of_one_customer_never_pass_a_cap() throws Exception {
        SpendCap account = cap(SpendCap.Scope.ACCOUNT, "1.00");
        SpendCap lateDaily = cap(SpendCap.Scope.CADENCE_DAY, "0.60");
        SpendCap global = cap(SpendCap.Scope.GLOBAL_DAY, "0.90");
        JourneyId late = journey("c1", "inv1", "late");
        JourneyId remind = journey("c1", "inv1", "remind");
        JourneyId otherCustomer = journey("c2", "inv7", "remind");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 200; i++) {
                        JourneyId j = (i + thread) % 3 == 0 ? late : (i + thread) % 3 == 1 ? remind : otherCustomer;
                        List<SpendCap> caps = j == late ? List.of(account, lateDaily, global)
                                : j == remind ? List.of(account, global) : List.of(global);
                        Optional<SpendEntry> r = ledger.reserve(claim(j, DAY, "0.10", caps.toArray(SpendCap[]::new)));
                        if (r.isPresent()) {
                            switch (i % 4) {
                                case 0 -> ledger.release(r.get().id(), "provider-rejected");
                                case 1 -> ledger.markUncertain(r.get().id(), "outcome-unknown");
                                default -> ledger.book(r.get().id(), Money.brl("0.10"), "accepted");
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.spentByAccount("c1", "inv1").amount()).isLessThanOrEqualTo(new BigDecimal("1.00"));
        assertThat(ledger.spentByCadence("late", DAY).amount()).isLessThanOrEqualTo(new BigDecimal("0.60"));
        assertThat(ledger.spentOn(DAY).amount()).isLessThanOrEqualTo(new BigDecimal("0.90"));
        BigDecimal counted = ledger.entries(SpendQuery.all().on(DAY)).stream().map(e -> e.counted().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(counted).as("the totals agree with the entries").isEqualByComparingTo(ledger.spentOn(DAY).amount());

        while (ledger.reserve(claim(otherCustomer, DAY, "0.10", global)).isPresent()) {
            // fill what is left
        }
        assertThat(ledger.spentOn(DAY).amount()).as("nothing leaked: the cap fills exactly").isEqualByComparingTo("0.90");
    }
}
