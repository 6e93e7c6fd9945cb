package io.cadencerules.channels.inbound;

import io.cadencerules.cadence.CadenceKind;
import io.cadencerules.customer.Subject;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyStatus;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an inbound call needs to know about one of the caller's live journeys.
 *
 * @param id             the journey
 * @param kind           its cadence's kind (collection, sales…)
 * @param priority       its cadence's priority
 * @param status         its status
 * @param subject        what it is about (the debt, with amount and due date)
 * @param lastContact    the last contact sent, or null
 * @param pendingStepId  the step it will run next (its pending action or next timed step), or null
 * @param dueAt          when the engine will next look at it, or null
 * @param handOffQueue   the agent queue of a pending hand-off, else null
 * @param lastContactHandOffQueue the queue a hand-off branch of the last contact's step leads to, else null
 */
public record LiveJourney(JourneyId id, CadenceKind kind, int priority, JourneyStatus status, Subject subject,
                          HistoryEntry lastContact, String pendingStepId, Instant dueAt, String handOffQueue,
                          String lastContactHandOffQueue) {

    /** Validates the fields. */
    public LiveJourney {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(subject, "subject");
    }

    /** The last contact sent. */
    public Optional<HistoryEntry> last() {
        return Optional.ofNullable(lastContact);
    }

    /** The step it will run next. */
    public Optional<String> pendingStep() {
        return Optional.ofNullable(pendingStepId);
    }

    /** The cadence id. */
    public String cadenceId() {
        return id.cadenceId();
    }
}
