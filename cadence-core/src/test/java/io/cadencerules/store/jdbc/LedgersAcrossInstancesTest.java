package io.cadencerules.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.policy.Budget;
import io.cadencerules.policy.ContactEntry;
import io.cadencerules.policy.ContactPolicy;
import io.cadencerules.policy.SpendCap;
import io.cadencerules.policy.SpendClaim;
import io.cadencerules.policy.SpendEntry;
import io.cadencerules.policy.SpendLedger;
import io.cadencerules.policy.SpendQuery;
import io.cadencerules.testkit.RecordingChannel;
import io.cadencerules.testkit.VirtualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC ledgers as several instances use them: two ledgers (or two engines) over two connection
 * pools on one database, many threads at once. The caps hold across them, counted in attempts and
 * in money, and nothing reserved is lost.
 */
class LedgersAcrossInstancesTest {

    private static final String PREFIX = "across_";
    private static final Instant T0 = Instant.parse("2026-03-10T13:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final int THREADS_PER_INSTANCE = 4;

    private static HikariDataSource poolA;
    private static HikariDataSource poolB;

    @BeforeAll
    static void database() {
        poolA = TestDatabase.pool("across-a", THREADS_PER_INSTANCE);
        poolB = TestDatabase.pool("across-b", THREADS_PER_INSTANCE);
        JdbcJourneyStore.builder(poolA).clock(() -> T0).tablePrefix(PREFIX).build().createSchema();
    }

    @AfterAll
    static void closePools() {
        poolA.close();
        poolB.close();
    }

    /** Runs {@code work(instance, thread)} on every thread of both instances at once, and waits for all. */
    private static void race(int threadsPerInstance, Work work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2 * threadsPerInstance);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int instance = 0; instance < 2; instance++) {
                for (int t = 0; t < threadsPerInstance; t++) {
                    int i = instance;
                    int thread = instance * threadsPerInstance + t;
                    done.add(threads.submit(() -> {
                        start.await();
                        work.run(i, thread);
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Work {
        void run(int instance, int thread) throws Exception;
    }

    // ------------------------------------------------------------------ the contact ledger

    @Test
    void two_instances_reserving_for_the_same_people_never_pass_a_cap_and_lose_no_attempt() throws Exception {
        TestDatabase.emptyStore(poolA, PREFIX);
        List<JdbcContactLedger> ledgers = List.of(
                JdbcContactLedger.builder(poolA).clock(() -> T0).tablePrefix(PREFIX).build(),
                JdbcContactLedger.builder(poolB).clock(() -> T0).tablePrefix(PREFIX).build());
        int cap = 5;
        int rounds = 60;
        List<String> people = List.of("c1", "c2", "c3", "c4");
        // the cap counts SMS attempts; e-mails are recorded besides and never refused
        Function<List<ContactEntry>, String> check = entries -> entries.stream()
                .filter(e -> e instanceof ContactEntry.Attempt a && a.channel() == Channel.SMS).count() >= cap ? "cap" : null;
        ConcurrentLinkedQueue<ContactEntry.Attempt> granted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<ContactEntry.Attempt> cancelled = new ConcurrentLinkedQueue<>();
        Map<String, Set<ContactEntry>> recorded = new ConcurrentHashMap<>();
        race(THREADS_PER_INSTANCE, (instance, thread) -> {
            JdbcContactLedger ledger = ledgers.get(instance);
            Random random = new Random(thread);
            for (int i = 0; i < rounds; i++) {
                String person = people.get(random.nextInt(people.size()));
                ContactEntry.Attempt attempt = new ContactEntry.Attempt(T0.plusSeconds(i), Channel.SMS, Purpose.COLLECTION,
                        "inv-1", "t" + thread + "/" + i);
                if (ledger.reserve(person, attempt, check) == null) {
                    granted.add(attempt);
                    if (random.nextInt(4) == 0) {
                        ledger.cancel(person, attempt);
                        cancelled.add(attempt);
                    }
                }
                if (random.nextInt(5) == 0) {
                    ContactEntry.Attempt mail = new ContactEntry.Attempt(T0.plusSeconds(i), Channel.EMAIL, Purpose.COLLECTION,
                            "inv-1", "mail-t" + thread + "/" + i);
                    ledger.record(person, mail);
                    recorded.computeIfAbsent(person, p -> ConcurrentHashMap.newKeySet()).add(mail);
                }
            }
        });

        List<ContactEntry> sms = new ArrayList<>();
        for (String person : people) {
            List<ContactEntry> entries = ledgers.get(0).entries(person);
            assertThat(entries).as("what both instances read for %s", person).isEqualTo(ledgers.get(1).entries(person));
            List<ContactEntry> mine = entries.stream().filter(e -> ((ContactEntry.Attempt) e).channel() == Channel.SMS).toList();
            assertThat(mine).as("SMS attempts of %s", person).hasSizeLessThanOrEqualTo(cap);
            sms.addAll(mine);
            assertThat(entries.stream().filter(e -> ((ContactEntry.Attempt) e).channel() == Channel.EMAIL).toList())
                    .as("e-mails recorded for %s", person).containsExactlyInAnyOrderElementsOf(recorded.getOrDefault(person, Set.of()));
        }
        List<ContactEntry.Attempt> kept = new ArrayList<>(granted);
        kept.removeAll(cancelled);
        assertThat(sms).as("every attempt granted and not cancelled, once").containsExactlyInAnyOrderElementsOf(kept);
        assertThat(granted.size()).as("the races were real: more granted than the caps hold").isGreaterThan(people.size() * cap);
        for (String person : people) {
            int i = 0;
            while (ledgers.get(i % 2).reserve(person, new ContactEntry.Attempt(T0.plusSeconds(100 + i), Channel.SMS,
                    Purpose.COLLECTION, "inv-1", "fill-" + i), check) == null) {
                i++;
            }
            assertThat(ledgers.get(1).entries(person).stream().filter(e -> ((ContactEntry.Attempt) e).channel() == Channel.SMS))
                    .as("%s fills to the cap exactly", person).hasSize(cap);
        }
    }

    // ------------------------------------------------------------------ the spend ledger

    @Test
    void two_instances_reserving_in_the_same_cap_scopes_never_pass_a_cap_and_lose_no_money() throws Exception {
        TestDatabase.emptyStore(poolA, PREFIX);
        List<SpendLedger> ledgers = List.of(
                JdbcSpendLedger.builder(poolA).clock(() -> T0).currency(Money.BRL).tablePrefix(PREFIX).build(),
                JdbcSpendLedger.builder(poolB).clock(() -> T0).currency(Money.BRL).tablePrefix(PREFIX).build());
        SpendCap account = new SpendCap(SpendCap.Scope.ACCOUNT, Money.brl("1.00"));
        SpendCap cadenceDay = new SpendCap(SpendCap.Scope.CADENCE_DAY, Money.brl("2.50"));
        SpendCap cadenceMonth = new SpendCap(SpendCap.Scope.CADENCE_MONTH, Money.brl("3.00"));
        SpendCap global = new SpendCap(SpendCap.Scope.GLOBAL_DAY, Money.brl("4.00"));
        List<JourneyId> journeys = new ArrayList<>();
        for (String customer : List.of("c1", "c2", "c3")) {
            for (String cadence : List.of("late", "remind")) {
                journeys.add(new JourneyId(customer, "inv-" + customer, cadence, 1));
            }
        }
        // what each thread made of its reservations: the entry as it left it
        Map<String, SpendEntry> settled = new ConcurrentHashMap<>();
        race(THREADS_PER_INSTANCE, (instance, thread) -> {
            SpendLedger ledger = ledgers.get(instance);
            Random random = new Random(100 + thread);
            for (int i = 0; i < 80; i++) {
                JourneyId j = journeys.get(random.nextInt(journeys.size()));
                LocalDate day = random.nextInt(3) == 0 ? DAY.plusDays(1) : DAY;
                SpendClaim claim = new SpendClaim(j, "s1", Channel.SMS, j + "/t" + thread + "/" + i, T0, day, Money.brl("0.10"),
                        List.of(account, cadenceDay, cadenceMonth, global));
                var reserved = ledger.reserve(claim);
                if (reserved.isEmpty()) {
                    continue;
                }
                String id = reserved.get().id();
                SpendEntry last = switch (random.nextInt(4)) {
                    case 0 -> ledger.release(id, "provider-rejected");
                    case 1 -> ledger.markUncertain(id, "outcome-unknown");
                    case 2 -> ledger.book(id, Money.brl("0.05"), "provider cost");
                    default -> reserved.get();
                };
                // the other instance settles some of them
                if (last.status() == SpendEntry.Status.UNCERTAIN && random.nextBoolean()) {
                    last = ledgers.get(1 - instance).book(id, Money.brl("0.10"), "accepted");
                }
                assertThat(settled.put(id, last)).as("entry id %s handed out once", id).isNull();
            }
        });

        List<SpendEntry> entries = ledgers.get(1).entries(SpendQuery.all());
        assertThat(entries).as("every reservation, as its thread left it, and nothing else")
                .containsExactlyInAnyOrderElementsOf(settled.values());
        assertThat(settled.size()).as("the races were real: reservations were granted and refused").isBetween(20, 8 * 80 - 1);
        for (LocalDate day : List.of(DAY, DAY.plusDays(1))) {
            assertAtMost(ledgers.get(0).spentOn(day), global, counted(entries, e -> e.day().equals(day)));
            for (String cadence : List.of("late", "remind")) {
                assertAtMost(ledgers.get(0).spentByCadence(cadence, day), cadenceDay,
                        counted(entries, e -> e.day().equals(day) && e.cadenceId().equals(cadence)));
            }
        }
        for (String cadence : List.of("late", "remind")) {
            assertAtMost(ledgers.get(1).spentByCadenceInMonth(cadence, YearMonth.from(DAY)), cadenceMonth,
                    counted(entries, e -> e.cadenceId().equals(cadence)));
        }
        for (String customer : List.of("c1", "c2", "c3")) {
            assertAtMost(ledgers.get(1).spentByAccount(customer, "inv-" + customer), account,
                    counted(entries, e -> e.journey().customerId().equals(customer)));
        }
        for (JourneyId j : journeys) {
            assertThat(ledgers.get(0).spentByJourney(j).amount())
                    .isEqualByComparingTo(counted(entries, e -> e.journey().equals(j)));
        }

        // nothing leaked: with the caps as they are, claims in fresh accounts fill the global cap to the cent
        int n = 0;
        while (true) {
            JourneyId fresh = new JourneyId("fill-" + n, "inv", "fill", 1);
            if (ledgers.get(n % 2).reserve(new SpendClaim(fresh, "s1", Channel.SMS, "fill-" + n, T0, DAY, Money.brl("0.05"),
                    List.of(global))).isEmpty()) {
                break;
            }
            n++;
        }
        assertThat(ledgers.get(1).spentOn(DAY).amount()).isEqualByComparingTo("4.00");
    }

    private static BigDecimal counted(List<SpendEntry> entries, java.util.function.Predicate<SpendEntry> which) {
        return entries.stream().filter(which).map(e -> e.counted().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static void assertAtMost(Money spent, SpendCap cap, BigDecimal fromEntries) {
        assertThat(spent.amount()).as("%s within its cap", cap.scope()).isLessThanOrEqualTo(cap.limit().amount());
        assertThat(spent.amount()).as("%s total agrees with its entries", cap.scope()).isEqualByComparingTo(fromEntries);
    }

    // ------------------------------------------------------------------ two engines

    @Test
    void two_engines_on_one_database_keep_the_one_sms_a_day_cap_and_the_daily_budget_across_both() throws Exception {
        TestDatabase.emptyStore(poolA, PREFIX);
        int customers = 100;
        VirtualClock clock = new VirtualClock(Fixtures.START);
        Cadence first = Cadence.collection("late-a").step("d1").at(days(1), LocalTime.of(10, 0)).sms("late")
                .step("d2").at(days(2), LocalTime.of(10, 0)).sms("late-2").build();
        Cadence second = Cadence.collection("late-b").step("d1").at(days(1), LocalTime.of(10, 0)).sms("late")
                .step("d2").at(days(2), LocalTime.of(10, 0)).sms("late-2").build();
        Money dailyBudget = Money.brl("4.00"); // 50 SMS at 0.08
        RecordingChannel smsA = new RecordingChannel();
        RecordingChannel smsB = new RecordingChannel();
        List<CadenceEngine> engines = new ArrayList<>();
        List<Budget> budgets = new ArrayList<>();
        for (int e = 0; e < 2; e++) {
            HikariDataSource pool = e == 0 ? poolA : poolB;
            JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).tablePrefix(PREFIX).build();
            ContactPolicy policy = ContactPolicy.builder()
                    .ledger(JdbcContactLedger.builder(pool).clock(clock).tablePrefix(PREFIX).build()).build();
            Budget budget = Budget.builder().globalPerDay(dailyBudget)
                    .ledger(JdbcSpendLedger.builder(pool).clock(clock).currency(Money.BRL).tablePrefix(PREFIX).build()).build();
            budgets.add(budget);
            engines.add(CadenceEngine.builder().clock(clock).store(store).instanceId("engine-" + e).batchSize(7)
                    .channel(Channel.SMS, e == 0 ? smsA : smsB).policy(policy).budget(budget.caps())
                    .cadences(first, second).build());
        }
        for (int i = 0; i < customers; i++) {
            Customer c = Customer.builder("c" + i).phone(String.format("+55119%08d", i)).zone(Fixtures.SAO_PAULO).build();
            engines.get(i % 2).enroll(c, Fixtures.debt(), first);
            engines.get((i + 1) % 2).enroll(c, Fixtures.debt(), second);
        }
        ExecutorService racers = Executors.newFixedThreadPool(2);
        try {
            for (int hour = 0; hour < 24 * 14; hour++) {
                clock.advance(Duration.ofHours(1));
                CountDownLatch together = new CountDownLatch(1);
                List<Future<?>> runs = new ArrayList<>();
                for (CadenceEngine engine : engines) {
                    runs.add(racers.submit(() -> {
                        together.await();
                        return engine.runDue();
                    }));
                }
                together.countDown();
                for (Future<?> run : runs) {
                    run.get(2, TimeUnit.MINUTES);
                }
            }
        } finally {
            racers.shutdownNow();
        }

        List<ContactRequest> sent = new ArrayList<>(smsA.sent());
        sent.addAll(smsB.sent());
        assertThat(smsA.sent()).as("engine-0 sent its share").hasSizeGreaterThan(10);
        assertThat(smsB.sent()).as("engine-1 sent its share").hasSizeGreaterThan(10);
        Map<String, List<Instant>> byCustomer = sent.stream().collect(Collectors.groupingBy(r -> r.customer().id(),
                Collectors.mapping(ContactRequest::requestedAt, Collectors.toList())));
        for (var entry : byCustomer.entrySet()) {
            List<Instant> times = entry.getValue().stream().sorted(Comparator.naturalOrder()).toList();
            for (int i = 1; i < times.size(); i++) {
                assertThat(Duration.between(times.get(i - 1), times.get(i)))
                        .as("gap between SMS to %s: %s", entry.getKey(), times).isGreaterThanOrEqualTo(Duration.ofDays(1));
            }
        }
        Map<LocalDate, Long> perDay = new HashMap<>();
        for (ContactRequest r : sent) {
            perDay.merge(r.requestedAt().atZone(Fixtures.SAO_PAULO).toLocalDate(), 1L, Long::sum);
        }
        Set<LocalDate> days = new HashSet<>(perDay.keySet());
        assertThat(days).isNotEmpty();
        for (LocalDate day : days) {
            Money spent = budgets.get(0).ledger().spentOn(day);
            assertThat(spent.amount()).as("spent on %s", day).isLessThanOrEqualTo(dailyBudget.amount())
                    .isEqualByComparingTo(new BigDecimal("0.08").multiply(BigDecimal.valueOf(perDay.get(day))));
        }
        assertThat(perDay.get(Fixtures.DUE.plusDays(1))).as("day 1: 200 SMS wanted, the budget fills exactly").isEqualTo(50L);
        assertThat(budgets.get(1).ledger().entries(SpendQuery.all().status(SpendEntry.Status.BOOKED))).hasSize(sent.size());
    }
}
