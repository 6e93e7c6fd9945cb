package io.cadencerules.cadence;

import io.cadencerules.event.EventType;

import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A régua: a versioned, immutable, validated sequence of contact steps anchored on a date or an
 * event. Build one with {@link #collection(String)}, {@link #sales(String)},
 * {@link #relationship(String)} or {@link #builder(String, CadenceKind, Purpose)}; read one from
 * JSON with {@code CadenceJson}.
 *
 * <p>Timed steps (offset or wait) run in declared order, each only if the journey has not
 * converted or exited yet (escalation). Reaction steps fire on events.
 *
 * @param id          unique cadence id, e.g. "card-late"
 * @param version     version, from 1; journeys stay on the version they enrolled in
 * @param kind        collection, sales, relationship or custom
 * @param purpose     the purpose the contact policy applies
 * @param anchor      what day zero is
 * @param steps       the steps, timed ones in firing order
 * @param exitOn      events that end the journey (goal events mark it converted)
 * @param pauseOn     events that pause the journey (a promise to pay pauses until the promised date)
 * @param reEntry     whether a customer and subject may enter again after a journey ended
 * @param priority    higher wins when cadences compete for the same customer
 * @param horizonDays days after day zero the journey stays open for conversions; offsets must fall within it
 * @param sendTime    default local time of day for offset steps without a time on due-date anchors
 * @param maxLateness a step found due later than this (engine down, journey paused) is skipped as stale
 */
public record Cadence(String id, int version, CadenceKind kind, Purpose purpose, Anchor anchor, List<Step> steps,
                      Set<EventType> exitOn, Set<EventType> pauseOn, ReEntry reEntry, int priority, int horizonDays,
                      LocalTime sendTime, Duration maxLateness) {

    /** Default local send time for due-date offsets without a time. */
    public static final LocalTime DEFAULT_SEND_TIME = LocalTime.of(9, 0);
    /** Default lateness after which a due step is skipped as stale. */
    public static final Duration DEFAULT_MAX_LATENESS = Duration.ofDays(1);

    public Cadence {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException(
                    "cadence id must be letters, digits and _ . - (starting with a letter or digit), but was '" + id + "'");
        }
        String where = "cadence '" + id + "'";
        if (version < 1) {
            throw new IllegalArgumentException(where + " version must be at least 1, but was " + version);
        }
        Objects.requireNonNull(kind, where + " needs a kind");
        Objects.requireNonNull(purpose, where + " needs a purpose");
        Objects.requireNonNull(anchor, where + " needs an anchor");
        steps = List.copyOf(steps == null ? List.of() : steps);
        exitOn = exitOn == null || exitOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(exitOn));
        pauseOn = pauseOn == null || pauseOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(pauseOn));
        reEntry = reEntry == null ? ReEntry.immediately() : reEntry;
        sendTime = sendTime == null ? DEFAULT_SEND_TIME : sendTime;
        maxLateness = maxLateness == null ? DEFAULT_MAX_LATENESS : maxLateness;
        if (horizonDays < 1) {
            throw new IllegalArgumentException(where + " horizon must be at least 1 day, but was " + horizonDays + " days");
        }
        if (maxLateness.isNegative() || maxLateness.isZero()) {
            throw new IllegalArgumentException(where + " max lateness must be positive, but was " + maxLateness);
        }
        validateSteps(where, id, anchor, steps, exitOn, horizonDays, sendTime);
        for (EventType type : exitOn) {
            if (pauseOn.contains(type)) {
                throw new IllegalArgumentException(where + " both exits and pauses on " + type);
            }
        }
    }

    private static void validateSteps(String where, String id, Anchor anchor, List<Step> steps, Set<EventType> exitOn,
                                      int horizonDays, LocalTime sendTime) {
        // on a due-date anchor an offset without a time fires at the send time; elsewhere its time is the anchor's
        LocalTime defaultTime = anchor.type() == Anchor.Type.DUE_DATE ? sendTime : null;
        if (steps.stream().noneMatch(s -> !s.isReaction())) {
            throw new IllegalArgumentException(where + " needs at least one timed step (at(...) or after(...))");
        }
        boolean planned = steps.stream().anyMatch(s -> s.timing() instanceof Timing.Planned);
        if (planned && steps.stream().anyMatch(s -> s.timing() instanceof Timing.Offset || s.timing() instanceof Timing.Wait)) {
            throw new IllegalArgumentException(where + " mixes planned steps with at(...) / after(...) steps; "
                    + "a planned cadence leaves all timing to its planner");
        }
        Set<String> ids = new HashSet<>();
        for (Step step : steps) {
            if (!ids.add(step.id())) {
                throw new IllegalArgumentException(where + " has two steps with id '" + step.id() + "'");
            }
        }
        Timing.Offset previous = null;
        String previousId = null;
        for (Step step : steps) {
            String s = "step '" + step.id() + "'";
            if (step.timing() instanceof Timing.Offset offset) {
                if (offset.days() > horizonDays || offset.days() < -horizonDays) {
                    throw new IllegalArgumentException(s + " offset must be within the cadence horizon of " + horizonDays
                            + " days, but was " + offset.days() + " days");
                }
                if (offset.days() < 0 && anchor.type() != Anchor.Type.DUE_DATE) {
                    throw new IllegalArgumentException(s + " offset of " + offset.days()
                            + " days is before day zero, which only a DUE_DATE anchor allows (anchor is " + anchor.type() + ")");
                }
                if (previous != null && compare(offset, previous, defaultTime) < 0) {
                    throw new IllegalArgumentException(s + " at " + describe(offset)
                            + " must not come before the previous step '" + previousId + "' at " + describe(previous));
                }
                previous = offset;
                previousId = step.id();
            }
            if (step.timing() instanceof Timing.OnEvent on && exitOn.contains(on.event())) {
                throw new IllegalArgumentException(s + " reacts to " + on.event() + ", which ends the cadence");
            }
            for (Branch branch : step.branches()) {
                if (branch.action() instanceof BranchAction.GoTo goTo && !ids.contains(goTo.stepId())) {
                    throw new IllegalArgumentException(s + " branch on " + Step.describe(branch.trigger())
                            + " goes to unknown step '" + goTo.stepId() + "'");
                }
                if (branch.action() instanceof BranchAction.StartCadence start && start.cadenceId().equals(id)) {
                    throw new IllegalArgumentException(s + " branch on " + Step.describe(branch.trigger())
                            + " starts its own cadence '" + id + "'");
                }
            }
        }
    }

    private static int compare(Timing.Offset a, Timing.Offset b, LocalTime defaultTime) {
        if (a.days() != b.days()) {
            return Integer.compare(a.days(), b.days());
        }
        LocalTime at = a.at() != null ? a.at() : defaultTime;
        LocalTime bt = b.at() != null ? b.at() : defaultTime;
        return at == null || bt == null ? 0 : at.compareTo(bt);
    }

    private static String describe(Timing.Offset offset) {
        String day = offset.days() < 0 ? "D" + offset.days() : "D+" + offset.days();
        return offset.at() == null ? day : day + " " + offset.at();
    }

    /** A collection cadence (purpose COLLECTION, anchored on the due date unless told otherwise). */
    public static CadenceBuilder collection(String id) {
        return new CadenceBuilder(id, CadenceKind.COLLECTION, Purpose.COLLECTION, Anchor.DUE_DATE);
    }

    /** A sales cadence (purpose MARKETING, anchored on enrolment unless told otherwise). */
    public static CadenceBuilder sales(String id) {
        return new CadenceBuilder(id, CadenceKind.SALES, Purpose.MARKETING, Anchor.ENROLMENT);
    }

    /** A relationship cadence (purpose TRANSACTIONAL, anchored on enrolment unless told otherwise). */
    public static CadenceBuilder relationship(String id) {
        return new CadenceBuilder(id, CadenceKind.RELATIONSHIP, Purpose.TRANSACTIONAL, Anchor.ENROLMENT);
    }

    /** Any kind and purpose, anchored on enrolment unless told otherwise. */
    public static CadenceBuilder builder(String id, CadenceKind kind, Purpose purpose) {
        return new CadenceBuilder(id, kind, purpose, Anchor.ENROLMENT);
    }

    /** The step with this id. */
    public Optional<Step> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }

    /** Index of the step with this id in {@link #steps()}, or -1. */
    public int indexOf(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(stepId)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first timed step at or after {@code from}, or -1 when none is left. */
    public int nextTimed(int from) {
        for (int i = Math.max(from, 0); i < steps.size(); i++) {
            if (!steps.get(i).isReaction()) {
                return i;
            }
        }
        return -1;
    }

    /** True when a step planner (e.g. DRL rules) decides which step comes next and when. */
    public boolean isPlanned() {
        return steps.stream().anyMatch(s -> s.timing() instanceof Timing.Planned);
    }

    /** Cadence id and version, e.g. "card-late@2". */
    public String ref() {
        return id + "@" + version;
    }
}
