package io.cadencerules.engine;

import io.cadencerules.cadence.Anchor;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.Step;
import io.cadencerules.cadence.Timing;
import io.cadencerules.journey.Journey;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Due-time arithmetic of a cadence in a customer's zone. */
final class Timetable {

    private Timetable() {
    }

    /**
     * When a timed step is due; {@code base} is when the previous step was decided (for waits) and
     * {@code delayDays} shifts offsets (promise pauses).
     */
    static Instant dueOf(Cadence cadence, Step step, Instant anchorAt, ZoneId zone, Instant base, int delayDays) {
        if (step.timing() instanceof Timing.Offset offset) {
            ZonedDateTime anchor = anchorAt.atZone(zone);
            LocalDate day = anchor.toLocalDate().plusDays((long) offset.days() + delayDays);
            LocalTime time = offset.at() != null ? offset.at()
                    : cadence.anchor().type() == Anchor.Type.DUE_DATE ? cadence.sendTime() : anchor.toLocalTime();
            return ZonedDateTime.of(day, time, zone).toInstant();
        }
        if (step.timing() instanceof Timing.Wait wait) {
            return base.plus(wait.after());
        }
        throw new IllegalArgumentException("step '" + step.id() + "' has no due time of its own (" + step.timing() + ")");
    }

    /**
     * True when a step due at {@code due} should no longer be sent at {@code now}: later than the
     * cadence's max lateness, or (for day-offset steps, whose message is about a day) its local day is over.
     */
    static boolean isStale(Cadence cadence, Step step, Instant due, Instant now, ZoneId zone) {
        if (!due.isBefore(now)) {
            return false;
        }
        if (Duration.between(due, now).compareTo(cadence.maxLateness()) > 0) {
            return true;
        }
        return (step.timing() instanceof Timing.Offset || step.timing() instanceof Timing.Planned)
                && !due.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate());
    }

    /** The end of the journey's horizon: day zero plus the cadence's horizon plus any promise delay, in calendar days. */
    static Instant horizonEnd(Cadence cadence, Journey journey, Instant anchorAt, int delayDays) {
        Instant from = anchorAt != null ? anchorAt : journey.enrolledAt();
        return from.atZone(journey.zone()).plusDays((long) cadence.horizonDays() + delayDays).toInstant();
    }

    /** A planned step's due instant: day zero plus its day and the promise delay, at its local time. */
    static Instant plannedDue(io.cadencerules.engine.PlannedStep plan, Instant anchorAt, ZoneId zone, int delayDays) {
        LocalDate day = anchorAt.atZone(zone).toLocalDate().plusDays((long) plan.day() + delayDays);
        return ZonedDateTime.of(day, plan.at(), zone).toInstant();
    }

    /** The next instant at or after {@code now} with the given local time of day. */
    static Instant nextAt(LocalTime time, Instant now, ZoneId zone) {
        ZonedDateTime candidate = ZonedDateTime.of(now.atZone(zone).toLocalDate(), time, zone);
        return candidate.toInstant().isBefore(now) ? candidate.plusDays(1).toInstant() : candidate.toInstant();
    }
}
