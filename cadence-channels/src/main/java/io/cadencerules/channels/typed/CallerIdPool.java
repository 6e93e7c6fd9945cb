package io.cadencerules.channels.typed;

import io.cadencerules.channel.ContactRequest;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the caller ID (the number shown to the customer) of a voice blast or outbound IVR call.
 * An implementation may look at the request (the customer's DDD, the cadence) or at usage (a
 * per-number daily dial cap, see {@link #dailyCapped}) and return empty when no number may be used
 * now — the call is then deferred, until {@link #nextFreeAt} when the pool can tell, else for a fixed
 * delay. Only {@link #callerId} must be implemented. Called once per dispatch, possibly from several
 * threads.
 */
@FunctionalInterface
public interface CallerIdPool {

    /** The dials per number and day of {@link #dailyCapped(InstantSource, ZoneId, List)}. */
    int DEFAULT_DAILY_CAP = 100;

    /**
     * The caller ID for this call. A pool that counts dials counts this one as placed unless it is
     * {@linkplain #release released}.
     *
     * @param request the call about to be placed
     * @return an E.164 number, or empty when none may be used now
     */
    Optional<String> callerId(ContactRequest request);

    /**
     * When {@link #callerId} has just returned empty: the instant from which it may return a number
     * again. The default is empty (unknown); the call is then tried again after a fixed delay.
     *
     * @param request the call that found no number
     * @return the instant a number becomes free, or empty when unknown or a number is free now
     */
    default Optional<Instant> nextFreeAt(ContactRequest request) {
        return Optional.empty();
    }

    /**
     * Gives back a caller ID that {@link #callerId} returned for a call that was not placed (the
     * request could not be built, or the provider rejected or deferred it), so that it does not count
     * as a dial. The default does nothing.
     *
     * @param request  the call
     * @param callerId the number returned for it
     */
    default void release(ContactRequest request, String callerId) {
    }

    /**
     * The dials counted today per number, in pool order, for reports; empty for a pool that does not
     * count (the default).
     *
     * @return number → dials today
     */
    default Map<String, Integer> usage() {
        return Map.of();
    }

    /**
     * Cycles through the numbers in order, one per call.
     *
     * @param numbers E.164 numbers, at least one, no repeats
     * @return the pool
     * @throws IllegalArgumentException naming an invalid or repeated number, or an empty pool
     */
    static CallerIdPool roundRobin(String... numbers) {
        return new RoundRobinCallerIds(List.of(numbers));
    }

    /** Cycles through the numbers in order (see {@link #roundRobin(String...)}). */
    static CallerIdPool roundRobin(List<String> numbers) {
        return new RoundRobinCallerIds(numbers);
    }

    /**
     * At most {@value #DEFAULT_DAILY_CAP} dials per number and day (see
     * {@link #dailyCapped(InstantSource, ZoneId, int, List)}).
     */
    static CallerIdPool dailyCapped(InstantSource clock, ZoneId zone, List<String> numbers) {
        return dailyCapped(clock, zone, DEFAULT_DAILY_CAP, numbers);
    }

    /**
     * At most {@code maxPerNumberPerDay} dials per number and calendar day, to protect the numbers'
     * reputation with carriers and spam labels. Each call takes the number with the fewest dials today
     * (ties in list order), so dials spread evenly; when every number reached the cap the pool returns
     * empty and {@link #nextFreeAt} answers the next local midnight, when the counts start again.
     * Thread-safe.
     *
     * @param clock              the time source; "today" is its date in {@code zone}
     * @param zone               where the day starts and ends
     * @param maxPerNumberPerDay the cap, at least 1
     * @param numbers            E.164 numbers, at least one, no repeats
     * @return the pool
     * @throws IllegalArgumentException naming an invalid or repeated number, an empty pool or a cap below 1
     */
    static CallerIdPool dailyCapped(InstantSource clock, ZoneId zone, int maxPerNumberPerDay, List<String> numbers) {
        return new DailyCappedCallerIds(clock, zone, maxPerNumberPerDay, numbers);
    }
}
