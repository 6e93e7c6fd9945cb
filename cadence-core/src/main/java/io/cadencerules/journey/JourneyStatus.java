package io.cadencerules.journey;

/** Where a journey is in its life. */
public enum JourneyStatus {
    /** A step is scheduled. */
    ACTIVE,
    /** No step is scheduled; the journey waits for an event (its anchor event, or a conversion until the horizon). */
    WAITING,
    /** Paused by a promise to pay, a pause event, or by hand; resumes later. */
    PAUSED,
    /** Reached its goal (payment, conversion). */
    CONVERTED,
    /** Ended by an exit event, a branch, or by hand; the reason says which. */
    EXITED,
    /** Ran all its steps and its horizon without converting. */
    COMPLETED,
    /** Ended because the contact policy forbids contacting the customer for this purpose. */
    SUPPRESSED;

    /** True when the journey can no longer change. */
    public boolean isTerminal() {
        return this == CONVERTED || this == EXITED || this == COMPLETED || this == SUPPRESSED;
    }
}
