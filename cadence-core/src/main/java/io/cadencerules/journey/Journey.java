package io.cadencerules.journey;

import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Money;
import io.cadencerules.customer.Subject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The runtime state of one customer and subject in one cadence version. Immutable: the engine
 * replaces it, bumping {@link #version()}, which stores use for optimistic concurrency.
 *
 * @param id             which journey
 * @param cadenceVersion the cadence version it runs
 * @param subject        what it is about
 * @param zone           the customer's zone used for its local times
 * @param status         where it is in its life
 * @param statusReason   reason code of the last status change
 * @param enrolledAt     enrolment time
 * @param anchorAt       day zero as an instant (start of the due date, enrolment time, or the anchor
 *                       event's time), or null while waiting for an anchor event
 * @param delayDays      whole days the remaining timed steps (and the horizon) are shifted by, after a
 *                       promise to pay delayed the journey
 * @param cursor         index (in the cadence's steps) of the next timed step, or -1 when none is left
 * @param nextStep       index of the step the pending action belongs to, or -1
 * @param attempt        attempt number of the pending action
 * @param route          0 for the step's own channel, n for its n-th fallback channel
 * @param handOff        agent queue when the pending action is a hand-off from a branch, else null
 * @param dueAt          when the engine must next look at the journey, or null
 * @param endedAt        when it reached a terminal status, or null
 * @param segments       segment tags assigned at enrolment (the customer's, plus classification)
 * @param history        every decision and outcome, oldest first
 * @param spent          money spent on contacts so far, or null before the first cost
 * @param version        optimistic-concurrency version: 1 when first stored, 0 for an unsaved draft
 */
public record Journey(JourneyId id, int cadenceVersion, Subject subject, ZoneId zone, JourneyStatus status,
                      String statusReason, Instant enrolledAt, Instant anchorAt, int delayDays, int cursor, int nextStep, int attempt,
                      int route, String handOff, Instant dueAt, Instant endedAt, Set<String> segments,
                      List<HistoryEntry> history, Money spent, long version) {

    public Journey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusReason, "statusReason");
        Objects.requireNonNull(enrolledAt, "enrolledAt");
        segments = Set.copyOf(segments == null ? Set.of() : segments);
        history = List.copyOf(history == null ? List.of() : history);
        if (version < 0) {
            throw new IllegalArgumentException("journey " + id + " version must not be negative, but was " + version);
        }
        if (delayDays < 0) {
            throw new IllegalArgumentException("journey " + id + " delay must not be negative, but was " + delayDays + " days");
        }
        if (status.isTerminal() && dueAt != null) {
            throw new IllegalArgumentException("journey " + id + " is " + status + " but has a due time " + dueAt);
        }
    }

    /** The key shared by all runs of this customer, subject and cadence. */
    public JourneyKey key() {
        return id.key();
    }

    /** The customer id. */
    public String customerId() {
        return id.customerId();
    }

    /** The cadence id. */
    public String cadenceId() {
        return id.cadenceId();
    }

    /** True until the journey reaches a terminal status. */
    public boolean isLive() {
        return !status.isTerminal();
    }

    /** Day zero as a local date in the journey's zone, once known. */
    public Optional<LocalDate> anchorDate() {
        return Optional.ofNullable(anchorAt).map(a -> a.atZone(zone).toLocalDate());
    }

    /** When the engine must next look at the journey. */
    public Optional<Instant> due() {
        return Optional.ofNullable(dueAt);
    }

    /** Money spent so far. */
    public Optional<Money> spend() {
        return Optional.ofNullable(spent);
    }

    /** The last step whose contact was sent: where the customer "stopped". */
    public Optional<String> stoppedAt() {
        return lastContact().map(HistoryEntry::stepId);
    }

    /** The channel of the last contact sent. */
    public Optional<Channel> lastChannel() {
        return lastContact().map(HistoryEntry::channel);
    }

    /** The last step reached (decided in any way: sent, skipped, blocked…). */
    public Optional<String> lastStepReached() {
        return lastDecision().map(HistoryEntry::stepId);
    }

    /** The last contact sent (a step's own, or a hand-off to an agent). */
    public Optional<HistoryEntry> lastContact() {
        return last(e -> e.kind() == HistoryEntry.Kind.SENT);
    }

    /** The last final decision about a step: sent, skipped, blocked or failed (not deferred). */
    public Optional<HistoryEntry> lastDecision() {
        return last(e -> e.kind().isStepDecision() && e.kind() != HistoryEntry.Kind.DEFERRED);
    }

    /** The entries of the given kind. */
    public List<HistoryEntry> entries(HistoryEntry.Kind kind) {
        return history.stream().filter(e -> e.kind() == kind).toList();
    }

    private Optional<HistoryEntry> last(Predicate<HistoryEntry> test) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (test.test(history.get(i))) {
                return Optional.of(history.get(i));
            }
        }
        return Optional.empty();
    }

    /** A mutable copy for building the next version; {@link Edit#build()} bumps the version. */
    public Edit edit() {
        return new Edit(this);
    }

    /** Mutable copy of a journey, used by the engine and stores to derive the next version. */
    public static final class Edit {
        private final Journey from;
        public JourneyStatus status;
        public String statusReason;
        public Instant anchorAt;
        public int delayDays;
        public int cursor;
        public int nextStep;
        public int attempt;
        public int route;
        public String handOff;
        public Instant dueAt;
        public Instant endedAt;
        public Set<String> segments;
        public Money spent;
        private List<HistoryEntry> added;

        private Edit(Journey from) {
            this.from = from;
            status = from.status;
            statusReason = from.statusReason;
            anchorAt = from.anchorAt;
            delayDays = from.delayDays;
            cursor = from.cursor;
            nextStep = from.nextStep;
            attempt = from.attempt;
            route = from.route;
            handOff = from.handOff;
            dueAt = from.dueAt;
            endedAt = from.endedAt;
            segments = from.segments;
            spent = from.spent;
        }

        /** Appends a history entry. */
        public Edit record(HistoryEntry entry) {
            if (added == null) {
                added = new ArrayList<>(2);
            }
            added.add(entry);
            return this;
        }

        /** Sets a terminal status: clears the pending action and due time. */
        public Edit end(JourneyStatus terminal, String reason, Instant at) {
            if (!terminal.isTerminal()) {
                throw new IllegalArgumentException(terminal + " is not a terminal status");
            }
            status = terminal;
            statusReason = reason;
            nextStep = -1;
            attempt = 0;
            route = 0;
            handOff = null;
            dueAt = null;
            endedAt = at;
            return this;
        }

        /** The journey this edit started from. */
        public Journey original() {
            return from;
        }

        /** The next version. */
        public Journey build() {
            List<HistoryEntry> history = from.history;
            if (added != null) {
                List<HistoryEntry> all = new ArrayList<>(history.size() + added.size());
                all.addAll(history);
                all.addAll(added);
                history = all;
            }
            return new Journey(from.id, from.cadenceVersion, from.subject, from.zone, status, statusReason,
                    from.enrolledAt, anchorAt, delayDays, cursor, nextStep, attempt, route, handOff, dueAt, endedAt, segments, history,
                    spent, from.version + 1);
        }
    }
}
