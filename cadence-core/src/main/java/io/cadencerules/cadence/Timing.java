package io.cadencerules.cadence;

import io.cadencerules.event.EventType;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/** When a step fires. */
public sealed interface Timing {

    /**
     * On day {@code days} from the anchor (D-3 is -3), at {@code at} local time in the customer's
     * zone; with no time, at the cadence's default send time ({@code DUE_DATE} anchors) or at the
     * anchor's time of day ({@code ENROLMENT} and {@code EVENT} anchors).
     */
    record Offset(int days, LocalTime at) implements Timing {
    }

    /** {@code after} the previous step was decided (or after the anchor for the first step). */
    record Wait(Duration after) implements Timing {
        public Wait {
            Objects.requireNonNull(after, "after");
        }
    }

    /**
     * Decided by the cadence's step planner (a régua written as rules): the planner says which planned
     * step comes next and on which day and time. Planned steps form the cadence's timed sequence.
     */
    record Planned() implements Timing {
    }

    /**
     * A reaction: fires when an event of this type arrives while the journey is live. Reaction
     * steps stand outside the timed sequence.
     */
    record OnEvent(EventType event, String name) implements Timing {
        public OnEvent {
            Objects.requireNonNull(event, "event");
            if (event == EventType.CUSTOM && (name == null || name.isBlank())) {
                throw new IllegalArgumentException("a reaction to a CUSTOM event needs the event name");
            }
            if (event != EventType.CUSTOM) {
                name = null;
            }
        }
    }
}
