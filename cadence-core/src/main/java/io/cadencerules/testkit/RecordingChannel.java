package io.cadencerules.testkit;

import io.cadencerules.channel.ChannelAdapter;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel adapter that records what it is asked to send and accepts it, like an idempotent
 * provider: a request whose idempotency key was already accepted or rejected gets that answer again
 * and is not recorded twice (it is counted in {@link #duplicateOffers()}); after a scripted deferral,
 * failure or unknown outcome, the same key is answered anew. Answers can be scripted with
 * {@link #answerNext}. Thread-safe.
 */
public final class RecordingChannel implements ChannelAdapter {

    private final List<ContactRequest> sent = new ArrayList<>();
    private final Map<String, DispatchResult> byKey = new ConcurrentHashMap<>();
    private final Deque<DispatchResult> scripted = new ArrayDeque<>();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger offers = new AtomicInteger();
    private int ids;

    @Override
    public synchronized CompletionStage<DispatchResult> dispatch(ContactRequest request) {
        offers.incrementAndGet();
        DispatchResult earlier = byKey.get(request.idempotencyKey());
        if (earlier != null) {
            duplicates.incrementAndGet();
            return CompletableFuture.completedFuture(earlier);
        }
        DispatchResult result = scripted.isEmpty() ? DispatchResult.accepted("rec-" + (++ids)) : scripted.poll();
        if (result instanceof DispatchResult.Accepted || result instanceof DispatchResult.Rejected) {
            byKey.put(request.idempotencyKey(), result); // final answers are repeated for the same key
        }
        if (result instanceof DispatchResult.Accepted) {
            sent.add(request);
        }
        return CompletableFuture.completedFuture(result);
    }

    /** The next dispatches get these answers, in order (then acceptance again). */
    public synchronized RecordingChannel answerNext(DispatchResult... results) {
        scripted.addAll(List.of(results));
        return this;
    }

    /** The accepted requests, in order. */
    public synchronized List<ContactRequest> sent() {
        return List.copyOf(sent);
    }

    /** The accepted requests for one customer, in order. */
    public synchronized List<ContactRequest> sentTo(String customerId) {
        return sent.stream().filter(r -> r.customer().id().equals(customerId)).toList();
    }

    /** How many requests repeated an idempotency key already seen. */
    public int duplicateOffers() {
        return duplicates.get();
    }

    /** How many dispatch calls were made in all (including duplicates and refused ones). */
    public int offers() {
        return offers.get();
    }

    /** Forgets everything recorded (scripted answers too). */
    public synchronized void clear() {
        sent.clear();
        byKey.clear();
        scripted.clear();
        duplicates.set(0);
        offers.set(0);
    }
}
