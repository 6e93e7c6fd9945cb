package io.cadencerules.engine;

import io.cadencerules.journey.Journey;

import java.util.Objects;

/**
 * The answer to {@code enroll}: the journey and what happened.
 *
 * @param journey the new journey, or the existing one when none was created
 * @param outcome what happened
 */
public record EnrolResult(Journey journey, Outcome outcome) {

    /** What enrolment did. */
    public enum Outcome {
        /** A new journey started. */
        ENROLLED,
        /** A live journey for the same customer, subject and cadence already exists; it is returned. */
        ALREADY_ENROLLED,
        /** The cadence does not allow re-entry; the ended journey is returned. */
        RE_ENTRY_NOT_ALLOWED,
        /** The re-entry window has not passed yet; the ended journey is returned. */
        RE_ENTRY_TOO_SOON
    }

    public EnrolResult {
        Objects.requireNonNull(journey, "journey");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** True when a new journey started. */
    public boolean created() {
        return outcome == Outcome.ENROLLED;
    }
}
