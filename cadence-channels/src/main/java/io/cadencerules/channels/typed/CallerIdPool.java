package io.cadencerules.channels.typed;

import io.cadencerules.channel.ContactRequest;

import java.util.List;
import java.util.Optional;

/**
 * Chooses the caller ID (the number shown to the customer) of a voice blast or outbound IVR call.
 * The default is a round-robin over a fixed pool; an implementation may look at the request (the
 * customer's DDD, the cadence) or at usage (a per-number daily dial cap, added by the contact
 * policy) and return empty when no number may be used now — the call is then rejected with a
 * reason. Called once per dispatch, possibly from several threads.
 */
@FunctionalInterface
public interface CallerIdPool {

    /**
     * The caller ID for this call.
     *
     * @param request the call about to be placed
     * @return an E.164 number, or empty when none may be used
     */
    Optional<String> callerId(ContactRequest request);

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
}
