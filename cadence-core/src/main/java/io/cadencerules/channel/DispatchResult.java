package io.cadencerules.channel;

import io.cadencerules.customer.Money;

import java.time.Instant;
import java.util.Objects;

/** A provider's immediate answer to a {@link ContactRequest}. */
public sealed interface DispatchResult {

    /**
     * The provider took the request.
     *
     * @param providerId the provider's id for it
     * @param cost       what the provider says it costs (segments sent, a priced call), or null when
     *                   it does not say; a budget then books its own estimate
     */
    record Accepted(String providerId, Money cost) implements DispatchResult {
        public Accepted {
            providerId = providerId == null ? "" : providerId;
        }

        /** Accepted, without a cost. */
        public Accepted(String providerId) {
            this(providerId, null);
        }
    }

    /** The provider refused the request for good (invalid number, blocked content…). */
    record Rejected(String reason) implements DispatchResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The request failed; {@code retryable} failures (timeouts, 5xx) may be retried. */
    record Failed(String reason, boolean retryable) implements DispatchResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The provider cannot take the request now (a rate limit, a full agent queue, a concurrency cap):
     * the engine decides the step again at {@code until}, with the same attempt and idempotency key.
     */
    record Deferred(Instant until, String reason) implements DispatchResult {
        public Deferred {
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The outcome is not known: the request may or may not have reached the provider (a timeout, a
     * connection lost after sending). The engine offers the same request again, with the same
     * idempotency key, after the step's retry wait (at most {@code max(3, maxAttempts)} times), so a
     * provider that de-duplicates on the key never sends twice.
     */
    record Unknown(String reason) implements DispatchResult {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Accepted with the provider's id. */
    static DispatchResult accepted(String providerId) {
        return new Accepted(providerId);
    }

    /** Accepted with the provider's id and the cost it reports. */
    static DispatchResult accepted(String providerId, Money cost) {
        return new Accepted(providerId, cost);
    }

    /** Rejected for good. */
    static DispatchResult rejected(String reason) {
        return new Rejected(reason);
    }

    /** Not now: try again at {@code until}. */
    static DispatchResult deferred(Instant until, String reason) {
        return new Deferred(until, reason);
    }

    /** Outcome unknown: offer the same request again later, with the same key. */
    static DispatchResult unknown(String reason) {
        return new Unknown(reason);
    }

    /** Failed; retry later if {@code retryable}. */
    static DispatchResult failed(String reason, boolean retryable) {
        return new Failed(reason, retryable);
    }
}
