package io.cadencerules.rules;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * A régua's next contact: the planned step, on which day from day zero, at which local time
 * ("HH:mm"). With several, the planner takes the earliest.
 */
public final class NextContact extends Conclusion {

    private final String stepId;
    private final int day;
    private final LocalTime at;

    /** The step {@code stepId} on day {@code day} (D-3 is -3) at {@code time} ("09:00"). */
    public NextContact(Object about, String stepId, int day, String time) {
        super(about);
        this.stepId = requireText(stepId, "next contact step id");
        this.day = day;
        try {
            this.at = LocalTime.parse(requireText(time, "next contact time"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("next contact '" + stepId + "' time must be HH:mm, but was '" + time + "'", e);
        }
    }

    public String getStepId() {
        return stepId;
    }

    public int getDay() {
        return day;
    }

    public LocalTime getAt() {
        return at;
    }

    @Override
    public String toString() {
        return "NextContact " + stepId + " D" + (day < 0 ? "" : "+") + day + " " + at + " (rule '" + rule() + "')";
    }
}
