package io.cadencerules.cadence;

/** What a response branch does. */
public sealed interface BranchAction {

    /** Fire the named step now; the timed sequence then continues after it. */
    record GoTo(String stepId) implements BranchAction {
        public GoTo {
            if (stepId == null || stepId.isBlank()) {
                throw new IllegalArgumentException("goTo needs a step id, but was '" + stepId + "'");
            }
        }
    }

    /** Hand the customer to a human agent in this queue now (a transfer or a task). */
    record HandOff(String queue) implements BranchAction {
        public HandOff {
            if (queue == null || queue.isBlank()) {
                throw new IllegalArgumentException("hand-off needs an agent queue, but was '" + queue + "'");
            }
        }
    }

    /** End the journey; {@code converted} marks it as having reached its goal. */
    record Stop(boolean converted) implements BranchAction {
    }

    /** Enrol the customer and subject in another cadence; this journey goes on. */
    record StartCadence(String cadenceId) implements BranchAction {
        public StartCadence {
            if (cadenceId == null || cadenceId.isBlank()) {
                throw new IllegalArgumentException("startCadence needs a cadence id, but was '" + cadenceId + "'");
            }
        }
    }
}
