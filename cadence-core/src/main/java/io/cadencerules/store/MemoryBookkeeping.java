package io.cadencerules.store;

import io.cadencerules.event.Rejection;
import io.cadencerules.store.JourneyStore.PauseScope;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the in-memory stores keep besides journeys, the same in each: event ids seen (forgotten after a
 * retention in event time), manual pauses and the most recent rejections. Thread-safe. The stores
 * extend it.
 */
abstract class MemoryBookkeeping implements JourneyStore {

    private record SeenEvent(String id, long at) {
    }

    private final Duration eventRetention;
    private final ConcurrentHashMap<String, Long> seenEvents = new ConcurrentHashMap<>();
    private final ArrayDeque<SeenEvent> seenOrder = new ArrayDeque<>();
    private final Map<PauseScope, Set<String>> paused = Map.of(
            PauseScope.CADENCE, ConcurrentHashMap.newKeySet(), PauseScope.CUSTOMER, ConcurrentHashMap.newKeySet());
    private final int maxRejections;
    private final ArrayDeque<Rejection> rejections = new ArrayDeque<>();

    /**
     * @param eventRetention how long (in event time) event ids are remembered for de-duplication
     * @param maxRejections  how many rejections are kept (oldest dropped first)
     */
    MemoryBookkeeping(Duration eventRetention, int maxRejections) {
        if (eventRetention.isNegative() || eventRetention.isZero()) {
            throw new IllegalArgumentException("event retention must be positive, but was " + eventRetention);
        }
        if (maxRejections < 1) {
            throw new IllegalArgumentException("max rejections must be at least 1, but was " + maxRejections);
        }
        this.eventRetention = eventRetention;
        this.maxRejections = maxRejections;
    }

    @Override
    public boolean wasEventSeen(String eventId) {
        return seenEvents.containsKey(eventId);
    }

    @Override
    public boolean markEventSeen(String eventId, Instant at) {
        long millis = at.toEpochMilli();
        if (seenEvents.putIfAbsent(eventId, millis) != null) {
            return false;
        }
        synchronized (seenOrder) {
            seenOrder.addLast(new SeenEvent(eventId, millis));
            long horizon = millis - eventRetention.toMillis();
            while (!seenOrder.isEmpty() && seenOrder.peekFirst().at() < horizon) {
                seenEvents.remove(seenOrder.pollFirst().id());
            }
        }
        return true;
    }

    @Override
    public void setPaused(PauseScope scope, String id, boolean isPaused) {
        if (isPaused) {
            paused.get(scope).add(id);
        } else {
            paused.get(scope).remove(id);
        }
    }

    @Override
    public Set<String> paused(PauseScope scope) {
        return Collections.unmodifiableSet(paused.get(scope)); // a live view: read per due journey, no copy
    }

    @Override
    public void recordRejection(Rejection rejection) {
        synchronized (rejections) {
            rejections.addLast(Objects.requireNonNull(rejection, "rejection"));
            while (rejections.size() > maxRejections) {
                rejections.pollFirst();
            }
        }
    }

    @Override
    public List<Rejection> rejections(int limit) {
        synchronized (rejections) {
            List<Rejection> all = new ArrayList<>(rejections);
            return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
        }
    }
}
