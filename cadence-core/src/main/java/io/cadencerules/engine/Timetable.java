package io.cadencerules.engine;

import io.cadencerules.cadence.Anchor;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.Step;
import io.cadencerules.cadence.Timing;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/** Due-time arithmetic of a cadence in a customer's zone. */
final class Timetable {

    private Timetable() {
    }

    /** When a timed step is due; {@code base} is when the previous step was decided (for waits). */
    static Instant dueOf(Cadence cadence, Step step, Instant anchorAt, ZoneId zone, Instant base) {
        if (step.timing() instanceof Timing.Offset offset) {
            ZonedDateTime anchor = anchorAt.atZone(zone);
            LocalDate day = anchor.toLocalDate().plusDays(offset.days());
            LocalTime time = offset.at() != null ? offset.at()
                    : cadence.anchor().type() == Anchor.Type.DUE_DATE ? cadence.sendTime() : anchor.toLocalTime();
            return ZonedDateTime.of(day, time, zone).toInstant();
        }
        if (step.timing() instanceof Timing.Wait wait) {
            return base.plus(wait.after());
        }
        throw new IllegalArgumentException("step '" + step.id() + "' is a reaction and has no due time");
    }

    /** The time of day a step prefers (its offset time, the cadence's send time), or null for waits. */
    static LocalTime preferredTime(Cadence cadence, Step step, Instant anchorAt, ZoneId zone) {
        if (step.timing() instanceof Timing.Offset offset) {
            if (offset.at() != null) {
                return offset.at();
            }
            return cadence.anchor().type() == Anchor.Type.DUE_DATE ? cadence.sendTime() : anchorAt.atZone(zone).toLocalTime();
        }
        return null;
    }

    /** The next instant at or after {@code now} with the given local time of day. */
    static Instant nextAt(LocalTime time, Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate(), time, zone);
        return candidate.toInstant().isBefore(now) ? candidate.plusDays(1).toInstant() : candidate.toInstant();
    }

    /** The end of the journey's horizon: day zero plus the cadence's horizon. */
    static Instant horizonEnd(Cadence cadence, Journey journey, Instant anchorAt) {
        Instant from = anchorAt != null ? anchorAt : journey.enrolledAt();
        return from.plus(Duration.ofDays(cadence.horizonDays()));
    }

    /** When the last step decision was made, or null if none. */
    static Instant lastDecision(List<HistoryEntry> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEntry e = history.get(i);
            if (e.kind().isStepDecision() && e.kind() != HistoryEntry.Kind.DEFERRED) {
                return e.at();
            }
        }
        return null;
    }
}
