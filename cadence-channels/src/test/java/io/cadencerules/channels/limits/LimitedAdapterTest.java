package io.cadencerules.channels.limits;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.JourneyKey;
import io.cadencerules.journey.Reasons;
import io.cadencerules.testkit.RecordingChannel;
import io.cadencerules.testkit.VirtualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThat;

class LimitedAdapterTest {

    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");

    private static List<ContactRequest> requests(int n) {
        VirtualClock clock = new VirtualClock(T0);
        List<ContactRequest> captured = new ArrayList<>();
        CadenceEngine engine = CadenceEngine.builder().clock(clock).channel(Channel.SMS, r -> {
            captured.add(r);
            return CompletableFuture.completedFuture(DispatchResult.accepted("x"));
        }).build();
        Cadence cadence = Cadence.sales("s").step("s0").at(days(0)).sms("hi").build();
        for (int i = 0; i < n; i++) {
            engine.enroll(Customer.builder("c" + i).phone("+5511990000000").build(), new Lead("l", Money.brl("1"), ""), cadence);
        }
        engine.runDue();
        return captured;
    }

    @Test
    void over_the_rate_a_request_is_deferred_until_a_token_frees_up() {
        VirtualClock clock = new VirtualClock(T0);
        RecordingChannel provider = new RecordingChannel();
        LimitedAdapter limited = LimitedAdapter.wrap(provider, clock).name("sms-gw").ratePerSecond(2).build();
        List<ContactRequest> five = requests(5);

        List<DispatchResult> answers = new ArrayList<>();
        for (ContactRequest r : five) {
            answers.add(limited.dispatch(r).toCompletableFuture().join());
        }

        assertThat(answers.subList(0, 2)).allMatch(a -> a instanceof DispatchResult.Accepted);
        assertThat(answers.subList(2, 5)).allSatisfy(a -> {
            assertThat(a).isInstanceOf(DispatchResult.Deferred.class);
            assertThat(((DispatchResult.Deferred) a).until()).isEqualTo(T0.plusMillis(500));
            assertThat(((DispatchResult.Deferred) a).reason()).isEqualTo("sms-gw: rate limit of 2 per second");
        });
        assertThat(provider.sent()).hasSize(2);
        clock.advance(Duration.ofMillis(500));
        assertThat(limited.dispatch(five.get(2)).toCompletableFuture().join()).isInstanceOf(DispatchResult.Accepted.class);
        assertThat(limited.dispatch(five.get(3)).toCompletableFuture().join()).isInstanceOf(DispatchResult.Deferred.class);
    }

    @Test
    void over_the_in_flight_cap_a_request_is_deferred_and_the_slot_frees_on_the_answer() {
        VirtualClock clock = new VirtualClock(T0);
        List<CompletableFuture<DispatchResult>> pending = new ArrayList<>();
        LimitedAdapter limited = LimitedAdapter.wrap(r -> {
            CompletableFuture<DispatchResult> answer = new CompletableFuture<>();
            pending.add(answer);
            return answer;
        }, clock).name("dialer").maxInFlight(1).retryDelay(Duration.ofSeconds(5)).build();
        List<ContactRequest> two = requests(2);

        CompletionStage<DispatchResult> first = limited.dispatch(two.get(0));
        DispatchResult second = limited.dispatch(two.get(1)).toCompletableFuture().join();
        assertThat(second).isEqualTo(DispatchResult.deferred(T0.plusSeconds(5), "dialer: 1 requests in flight, the limit is 1"));

        pending.get(0).complete(DispatchResult.accepted("call-1"));
        assertThat(first.toCompletableFuture().join()).isInstanceOf(DispatchResult.Accepted.class);
        limited.dispatch(two.get(1));
        assertThat(pending).hasSize(2);
    }

    @Test
    void an_adapter_that_throws_or_answers_null_does_not_keep_its_slot() {
        VirtualClock clock = new VirtualClock(T0);
        LimitedAdapter throwing = LimitedAdapter.wrap(r -> {
            throw new IllegalStateException("driver down");
        }, clock).name("gw").maxInFlight(1).build();
        LimitedAdapter silent = LimitedAdapter.wrap(r -> null, clock).name("gw").maxInFlight(1).build();
        ContactRequest request = requests(1).get(0);

        assertThat(throwing.dispatch(request).toCompletableFuture().join())
                .isEqualTo(DispatchResult.unknown("gw: the adapter threw java.lang.IllegalStateException: driver down"));
        assertThat(throwing.dispatch(request).toCompletableFuture().join()).isInstanceOf(DispatchResult.Unknown.class);
        assertThat(silent.dispatch(request).toCompletableFuture().join())
                .isEqualTo(DispatchResult.unknown("gw: the adapter returned no answer"));
        assertThat(silent.dispatch(request).toCompletableFuture().join()).isInstanceOf(DispatchResult.Unknown.class);
    }

    @Test
    void an_answer_that_never_comes_frees_its_slot_after_the_in_flight_timeout() {
        VirtualClock clock = new VirtualClock(T0);
        LimitedAdapter hanging = LimitedAdapter.wrap(r -> new CompletableFuture<>(), clock).name("gw").maxInFlight(1)
                .inFlightTimeout(Duration.ofSeconds(30)).build();
        ContactRequest request = requests(1).get(0);

        hanging.dispatch(request);
        assertThat(hanging.dispatch(request).toCompletableFuture().join()).isInstanceOf(DispatchResult.Deferred.class);
        clock.advance(Duration.ofSeconds(30));
        assertThat(hanging.dispatch(request).toCompletableFuture().isDone()).as("a new request got the freed slot").isFalse();
    }

    @Test
    void through_the_engine_deferred_contacts_go_out_as_tokens_free_up_with_the_same_key() {
        VirtualClock clock = new VirtualClock(T0);
        RecordingChannel provider = new RecordingChannel();
        CadenceEngine engine = CadenceEngine.builder().clock(clock)
                .channel(Channel.SMS, LimitedAdapter.wrap(provider, clock).name("sms-gw").ratePerSecond(2).build()).build();
        Cadence cadence = Cadence.sales("s").step("s0").at(days(0)).sms("hi").build();
        for (int i = 0; i < 6; i++) {
            engine.enroll(Customer.builder("c" + i).phone("+5511990000000").build(), new Lead("l", Money.brl("1"), ""), cadence);
        }
        for (int tick = 0; tick < 40; tick++) {
            engine.runDue();
            clock.advance(Duration.ofMillis(100));
        }

        assertThat(provider.sent()).hasSize(6);
        assertThat(provider.duplicateOffers()).isZero();
        assertThat(provider.sent()).extracting(ContactRequest::requestedAt)
                .containsExactly(T0, T0, T0.plusMillis(500), T0.plusMillis(1000), T0.plusMillis(1500), T0.plusMillis(2000));
        List<HistoryEntry> last = engine.journey(new JourneyKey("c5", "l", "s")).orElseThrow().history();
        assertThat(last).filteredOn(e -> e.kind() == HistoryEntry.Kind.DEFERRED)
                .allMatch(e -> e.reason().equals(Reasons.PROVIDER_DEFERRED) && e.detail().startsWith("sms-gw: rate limit"));
    }
}
