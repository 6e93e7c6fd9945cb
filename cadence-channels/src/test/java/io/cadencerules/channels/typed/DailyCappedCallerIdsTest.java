package io.cadencerules.channels.typed;

import io.cadencerules.cadence.Anchor;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.channels.Fixtures;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyKey;
import io.cadencerules.testkit.VirtualClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.event.EventType.PAYMENT_RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DailyCappedCallerIdsTest {

    private static final ZoneId SAO_PAULO = Fixtures.SAO_PAULO;
    private static final String A = "+551140000001";
    private static final String B = "+551140000002";
    private static final String C = "+551140000003";
    /** 20:00 in São Paulo, one hour before UTC midnight. */
    private static final Instant EVENING = LocalDateTime.of(2026, 3, 10, 20, 0).atZone(SAO_PAULO).toInstant();

    private final VirtualClock clock = new VirtualClock(EVENING);

    private static ContactRequest call(Channel channel, String key, Map<Character, String> menu, Instant at) {
        JourneyId id = new JourneyId("c-1", "inv-9", "capped", 1);
        return new ContactRequest(key, id, "d0-call", 1, channel, ContactPoint.phone("+5511987654321"),
                channel == Channel.VOICE_BLAST ? "late-voice" : "ivr-prompt", Map.of(), "", menu,
                TypedRig.customer("c-1"), Fixtures.debt(), at);
    }

    private ContactRequest call(String key) {
        return call(Channel.VOICE_BLAST, key, Map.of(), clock.instant());
    }

    private static List<String> dial(CallerIdPool pool, int times, ContactRequest request) {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            pool.callerId(request).ifPresent(got::add);
        }
        return got;
    }

    @Test
    void spreads_dials_evenly_over_the_pool_least_used_first_ties_in_list_order() {
        CallerIdPool pool = CallerIdPool.dailyCapped(clock, SAO_PAULO, List.of(A, B, C));

        List<String> first = dial(pool, 4, call("k"));
        dial(pool, 246, call("k"));

        assertThat(first).containsExactly(A, B, C, A);
        assertThat(pool.usage()).containsExactly(Map.entry(A, 84), Map.entry(B, 83), Map.entry(C, 83));
    }

    @Test
    void refuses_the_301st_dial_on_a_pool_of_three_numbers_at_100_a_day_and_tells_when_numbers_are_free_again() {
        CallerIdPool pool = CallerIdPool.dailyCapped(clock, SAO_PAULO, List.of(A, B, C));

        assertThat(dial(pool, 299, call("k"))).hasSize(299);
        assertThat(pool.nextFreeAt(call("k"))).isEmpty();
        assertThat(pool.callerId(call("k"))).contains(C);

        assertThat(pool.callerId(call("k"))).isEmpty();
        assertThat(pool.usage()).containsOnly(Map.entry(A, 100), Map.entry(B, 100), Map.entry(C, 100));
        assertThat(pool.nextFreeAt(call("k"))).contains(Instant.parse("2026-03-11T03:00:00Z"));
    }

    @Test
    void counts_start_again_after_local_midnight_in_sao_paulo_not_at_utc_midnight() {
        CallerIdPool pool = CallerIdPool.dailyCapped(clock, SAO_PAULO, 2, List.of(A));
        dial(pool, 2, call("k"));

        clock.set(Instant.parse("2026-03-11T00:30:00Z")); // 21:30 in São Paulo
        assertThat(pool.callerId(call("k"))).isEmpty();

        clock.set(Instant.parse("2026-03-11T03:00:00Z")); // local midnight
        assertThat(pool.usage()).containsExactly(Map.entry(A, 0));
        assertThat(pool.callerId(call("k"))).contains(A);
    }

    @Test
    void four_threads_dialling_at_once_never_exceed_the_cap() throws Exception {
        CallerIdPool pool = CallerIdPool.dailyCapped(clock, SAO_PAULO, List.of(A, B, C));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(threads.submit(() -> {
                    start.await();
                    return dial(pool, 100, call("k-" + thread));
                }));
            }
            start.countDown();
            List<String> dialled = new ArrayList<>();
            for (Future<List<String>> r : results) {
                dialled.addAll(r.get(10, TimeUnit.SECONDS));
            }

            assertThat(dialled).hasSize(300);
            assertThat(Collections.frequency(dialled, A)).isEqualTo(100);
            assertThat(Collections.frequency(dialled, B)).isEqualTo(100);
            assertThat(Collections.frequency(dialled, C)).isEqualTo(100);
            assertThat(pool.usage()).containsOnly(Map.entry(A, 100), Map.entry(B, 100), Map.entry(C, 100));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void releases_only_a_dial_counted_today_for_that_call() {
        CallerIdPool pool = CallerIdPool.dailyCapped(clock, SAO_PAULO, List.of(A, B));
        pool.callerId(call("k-1"));
        pool.callerId(call("k-2"));

        pool.release(call("k-1"), B); // not the number k-1 got
        pool.release(call("k-1"), A);
        pool.release(call("k-1"), A); // twice
        assertThat(pool.usage()).containsExactly(Map.entry(A, 0), Map.entry(B, 1));

        clock.set(Instant.parse("2026-03-11T03:00:00Z"));
        pool.release(call("k-2"), B); // yesterday's dial
        assertThat(pool.usage()).containsExactly(Map.entry(A, 0), Map.entry(B, 0));
    }

    @Test
    void validates_the_numbers_like_round_robin_and_the_cap() {
        assertThatThrownBy(() -> CallerIdPool.dailyCapped(clock, SAO_PAULO, List.of("1140000001")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("caller ID must be in E.164 form (+ and 7 to 15 digits), but was '1140000001'");
        assertThatThrownBy(() -> CallerIdPool.dailyCapped(clock, SAO_PAULO, List.of(A, B, A)))
                .hasMessage("caller ID pool lists '+551140000001' more than once");
        assertThatThrownBy(() -> CallerIdPool.dailyCapped(clock, SAO_PAULO, List.of()))
                .hasMessage("caller ID pool must have at least one number, but was []");
        assertThatThrownBy(() -> CallerIdPool.dailyCapped(clock, SAO_PAULO, 0, List.of(A)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("caller ID daily cap must be at least 1 dial per number, but was 0");
    }

    // ------------------------------------------------------------------ through the typed adapters

    @Test
    void an_exhausted_pool_defers_the_call_to_the_next_local_midnight_and_it_goes_out_the_next_day() {
        Cadence cadence = Cadence.collection("capped").anchoredOn(Anchor.DUE_DATE)
                .step("d0-voice").at(days(0), LocalTime.of(10, 0)).voiceBlast("late-voice")
                .exitOn(PAYMENT_RECEIVED).build();
        VirtualClock engineClock = new VirtualClock(Fixtures.START);
        CallerIdPool pool = CallerIdPool.dailyCapped(engineClock, SAO_PAULO, 1, List.of(A));
        TypedChannels typed = TypedChannels.builder(TypedRig.catalog()).callerIds(pool).build();
        List<VoiceBlastRequest> sent = new ArrayList<>();
        CadenceEngine engine = CadenceEngine.builder().clock(engineClock).instanceId("capped")
                .channel(Channel.VOICE_BLAST, typed.voiceBlast(r -> {
                    sent.add(r);
                    return CompletableFuture.completedFuture(DispatchResult.accepted("p-" + sent.size()));
                }))
                .build();
        engine.enroll(TypedRig.customer("c-1"), Fixtures.debt(), cadence);
        engine.enroll(TypedRig.customer("c-2"), Fixtures.debt(), cadence);

        advance(engine, engineClock, Fixtures.DUE.atTime(12, 0));
        assertThat(sent).hasSize(1);
        Instant nextMidnight = Fixtures.DUE.plusDays(1).atStartOfDay(SAO_PAULO).toInstant();
        String late = sent.get(0).source().customer().id().equals("c-1") ? "c-2" : "c-1";
        HistoryEntry deferred = engine.journey(new JourneyKey(late, "inv-9", "capped")).orElseThrow().history().stream()
                .filter(h -> h.kind() == HistoryEntry.Kind.DEFERRED).findFirst().orElseThrow();
        assertThat(deferred.reason()).isEqualTo("provider-deferred");
        assertThat(deferred.detail()).startsWith("no caller ID may be used now for VOICE_BLAST step 'd0-voice'")
                .endsWith("until " + nextMidnight);

        advance(engine, engineClock, Fixtures.DUE.plusDays(1).atTime(12, 0));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).source().customer().id()).isEqualTo(late);
        assertThat(sent.get(1).source().requestedAt().atZone(SAO_PAULO).toLocalDate()).isEqualTo(Fixtures.DUE.plusDays(1));
        assertThat(pool.usage()).containsExactly(Map.entry(A, 1));
    }

    @Test
    void a_call_the_adapter_rejects_or_defers_or_that_cannot_be_built_does_not_count() {
        CallerIdPool pool = CallerIdPool.dailyCapped(clock, SAO_PAULO, List.of(A));
        TypedChannels typed = TypedChannels.builder(TypedRig.catalog()).callerIds(pool)
                .profile(AdapterProfile.of(Channel.VOICE_BLAST, Money.brl("0.12"), CostUnit.MINUTE)).build();
        Map<Character, String> menu = Map.of('9', "stop");

        DispatchResult rejected = typed.outboundIvr(r -> CompletableFuture.completedFuture(DispatchResult.rejected("invalid number")))
                .dispatch(call(Channel.OUTBOUND_IVR, "k-1", menu, clock.instant())).toCompletableFuture().join();
        DispatchResult deferred = typed.voiceBlast(r -> CompletableFuture.completedFuture(
                        DispatchResult.deferred(clock.instant().plusSeconds(60), "rate limit")))
                .dispatch(call("k-2")).toCompletableFuture().join();
        DispatchResult unbuildable = typed.outboundIvr(r -> CompletableFuture.completedFuture(DispatchResult.accepted("x")))
                .dispatch(call(Channel.OUTBOUND_IVR, "k-3", Map.of('x', "stop"), clock.instant())).toCompletableFuture().join();
        Optional<Money> estimate = typed.estimate(call("k-4"));

        assertThat(rejected).isEqualTo(DispatchResult.rejected("invalid number"));
        assertThat(deferred).isInstanceOf(DispatchResult.Deferred.class);
        assertThat(unbuildable).isEqualTo(DispatchResult.rejected("outbound IVR menu key must be 0-9, * or #, but was 'x'"));
        assertThat(estimate).contains(Money.brl("0.12"));
        assertThat(pool.usage()).containsExactly(Map.entry(A, 0));

        typed.outboundIvr(r -> CompletableFuture.completedFuture(DispatchResult.accepted("x")))
                .dispatch(call(Channel.OUTBOUND_IVR, "k-5", menu, clock.instant())).toCompletableFuture().join();
        assertThat(pool.usage()).containsExactly(Map.entry(A, 1));
    }

    @Test
    void an_exhausted_pool_defers_an_ivr_call_until_the_next_local_midnight() {
        CallerIdPool pool = CallerIdPool.dailyCapped(clock, SAO_PAULO, 1, List.of(A));
        pool.callerId(call("k-0"));
        TypedChannels typed = TypedChannels.builder(TypedRig.catalog()).callerIds(pool).build();

        DispatchResult result = typed.outboundIvr(r -> CompletableFuture.completedFuture(DispatchResult.accepted("x")))
                .dispatch(call(Channel.OUTBOUND_IVR, "k-1", Map.of('9', "stop"), clock.instant())).toCompletableFuture().join();

        assertThat(result).isEqualTo(DispatchResult.deferred(Instant.parse("2026-03-11T03:00:00Z"),
                "no caller ID may be used now for OUTBOUND_IVR step 'd0-call' (pool daily cap 1 per number in"
                        + " America/Sao_Paulo [+551140000001]); trying again at 2026-03-11T03:00:00Z"));
    }

    /** Moves the clock to a local time in São Paulo, running every due journey on the way. */
    private static void advance(CadenceEngine engine, VirtualClock clock, LocalDateTime local) {
        Instant target = local.atZone(SAO_PAULO).toInstant();
        for (Optional<Instant> next = engine.store().nextDue(); next.isPresent() && !next.get().isAfter(target);
             next = engine.store().nextDue()) {
            if (next.get().isAfter(clock.instant())) {
                clock.set(next.get());
            }
            if (engine.runDue() == 0) {
                break;
            }
        }
        clock.set(target);
        engine.runDue();
    }
}
