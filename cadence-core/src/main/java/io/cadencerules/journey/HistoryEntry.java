package io.cadencerules.journey;

import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Money;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a journey's history: a decision about a step (sent, skipped, deferred, blocked,
 * failed) or something that happened to the journey (an event, a pause, the end).
 *
 * @param at      engine time of the entry
 * @param kind    what happened
 * @param stepId  the step concerned, or null
 * @param channel the channel concerned, or null
 * @param attempt the attempt number for step decisions, else 0
 * @param reason  a reason code, e.g. "condition-not-met" or "payment-received" (see {@code Reasons})
 * @param detail  free detail: the rule that decided, the provider's id of a sent contact (after the agent
 *                queue for a hand-off), the event id…
 * @param cost    the cost of a sent contact, or null
 */
public record HistoryEntry(Instant at, Kind kind, String stepId, Channel channel, int attempt, String reason,
                           String detail, Money cost) {

    /** Kinds of history entry. */
    public enum Kind {
        ENROLLED, SENT, SKIPPED, DEFERRED, BLOCKED, FAILED, EVENT, PAUSED, RESUMED, CONVERTED, EXITED, COMPLETED,
        SUPPRESSED,
        /** The engine could not process the journey (a stage threw…); it retries after a back-off. */
        ERROR;

        /** True for decisions about a step's contact. */
        public boolean isStepDecision() {
            return this == SENT || this == SKIPPED || this == DEFERRED || this == BLOCKED || this == FAILED;
        }
    }

    public HistoryEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(at).append(' ').append(kind);
        if (stepId != null) {
            s.append(' ').append(stepId);
        }
        if (channel != null) {
            s.append(" via ").append(channel);
        }
        if (attempt > 1) {
            s.append(" attempt ").append(attempt);
        }
        s.append(" (").append(reason);
        if (!detail.isEmpty()) {
            s.append(": ").append(detail);
        }
        return s.append(')').toString();
    }
}
