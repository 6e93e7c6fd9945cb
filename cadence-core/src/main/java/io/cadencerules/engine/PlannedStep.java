package io.cadencerules.engine;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A step planner's answer: which planned step comes next, on which day from day zero (before any
 * promise delay) and at which local time in the customer's zone.
 *
 * @param stepId the planned step's id
 * @param day    day offset from day zero (D-3 is -3)
 * @param at     local time of day
 * @param detail why (e.g. the rule that planned it), recorded when it is decided
 */
public record PlannedStep(String stepId, int day, LocalTime at, String detail) {
    public PlannedStep {
        if (stepId == null || stepId.isBlank()) {
            throw new IllegalArgumentException("planned step id must not be blank, but was '" + stepId + "'");
        }
        Objects.requireNonNull(at, () -> "planned step '" + stepId + "' needs a time of day");
        detail = detail == null ? "" : detail;
    }
}
