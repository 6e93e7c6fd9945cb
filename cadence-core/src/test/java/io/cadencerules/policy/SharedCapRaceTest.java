package io.cadencerules.policy;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Consent;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.testkit.RecordingChannel;
import io.cadencerules.testkit.VirtualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two cadences want every customer at the same instant, and two threads run the engine at once:
 * the shared one-SMS-a-day cap still holds for every customer (must-show 6 under concurrency).
 */
class SharedCapRaceTest {

    private static final int CUSTOMERS = 200;

    @Test
    void two_cadences_on_two_threads_never_break_a_shared_cap() throws Exception {
        VirtualClock clock = new VirtualClock(Fixtures.START);
        RecordingChannel sms = new RecordingChannel();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CadenceEngine engine = CadenceEngine.builder().clock(clock).batchSize(7).executor(pool)
                .channel(Channel.SMS, sms).policy(ContactPolicy.builder().build()).build();
        Cadence collection = Cadence.collection("late").step("d1").at(days(1), LocalTime.of(10, 0)).sms("late")
                .step("d2").at(days(2), LocalTime.of(10, 0)).sms("late-2").build();
        Cadence sales = Cadence.sales("offer").step("s0").at(days(10), LocalTime.of(10, 0)).sms("offer")
                .step("s1").at(days(11), LocalTime.of(10, 0)).sms("offer-2").build();
        for (int i = 0; i < CUSTOMERS; i++) {
            Customer c = Customer.builder("c" + i).phone(String.format("+55119%08d", i)).zone(Fixtures.SAO_PAULO)
                    .consent(new Consent(Channel.SMS, Purpose.MARKETING, true, Fixtures.START)).build();
            engine.enroll(c, Fixtures.debt(), collection);
            engine.enroll(c, new Lead("cart-" + i, Money.brl("99.00"), "x"), sales);
        }
        ExecutorService racers = Executors.newFixedThreadPool(2);
        for (int hour = 0; hour < 24 * 14; hour++) {
            clock.advance(Duration.ofHours(1));
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(racers.submit(engine::runDue));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        }
        racers.shutdown();
        pool.shutdown();

        Map<String, List<Instant>> byCustomer = sms.sent().stream().collect(Collectors.groupingBy(
                r -> r.customer().id(), Collectors.mapping(ContactRequest::requestedAt, Collectors.toList())));
        assertThat(byCustomer).hasSize(CUSTOMERS);
        int total = 0;
        for (var entry : byCustomer.entrySet()) {
            List<Instant> times = entry.getValue().stream().sorted(Comparator.naturalOrder()).toList();
            total += times.size();
            // four SMS wanted on 11 and 12 Mar; the cap spreads them a day apart, and a step whose day has
            // passed is stale, so each customer gets three or four
            assertThat(times).as("SMS to %s", entry.getKey()).hasSizeBetween(3, 4);
            for (int i = 1; i < times.size(); i++) {
                assertThat(Duration.between(times.get(i - 1), times.get(i)))
                        .as("gap between SMS to %s: %s", entry.getKey(), times).isGreaterThanOrEqualTo(Duration.ofDays(1));
            }
        }
        assertThat(total).as("SMS sent over two weeks").isGreaterThan(CUSTOMERS * 3);
    }
}
