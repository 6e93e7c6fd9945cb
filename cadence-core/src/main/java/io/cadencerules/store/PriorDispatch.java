package io.cadencerules.store;

import io.cadencerules.channel.DispatchResult;

import java.util.Objects;

/**
 * What a store's outbox knew of an idempotency key when the engine began to offer it again
 * ({@link JourneyStore#beginDispatches}). A key the outbox did not know is simply absent from the
 * answer: it is new.
 *
 * @param state  what the key was
 * @param result the adapter's final answer, for {@link State#SENT}; null otherwise
 */
public record PriorDispatch(State state, DispatchResult result) {

    /** The states of a key in the outbox. */
    public enum State {
        /** Being offered: its offerer began it and has not finished (or died while offering it). */
        PENDING,
        /**
         * Its offerer died while offering it, and the journey was written since without it: whether
         * the adapter got it is not known. Offered again (same key) only if a new decision reaches it.
         */
        IN_DOUBT,
        /** Offered, with an answer that asks for another offer with the same key (unknown, deferred). */
        RETRY,
        /** Offered, with a final answer (accepted, rejected, failed): never offered again. */
        SENT
    }

    public PriorDispatch {
        Objects.requireNonNull(state, "state");
        if ((state == State.SENT) != (result != null)) {
            throw new IllegalArgumentException("a SENT key has its result and no other state has one, but " + state
                    + " came with " + result);
        }
    }

    /** True if the key's offerer died before it knew the adapter's answer: the adapter may or may not have it. */
    public boolean inDoubt() {
        return state == State.PENDING || state == State.IN_DOUBT;
    }

    /** True for an answer after which the same key is offered again (unknown outcome, deferred by the provider). */
    public static boolean offeredAgain(DispatchResult result) {
        return result instanceof DispatchResult.Unknown || result instanceof DispatchResult.Deferred;
    }
}
