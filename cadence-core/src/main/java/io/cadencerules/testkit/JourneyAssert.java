package io.cadencerules.testkit;

import io.cadencerules.channel.Channel;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyStatus;
import org.assertj.core.api.AbstractAssert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.Collectors;

/**
 * AssertJ assertions for a {@link Journey}. {@link #wasContactedVia(Channel)} selects the journey's
 * contacts on a channel; {@link #on(CadenceDay)} and {@link #at(LocalTime)} narrow that selection:
 *
 * <pre>{@code
 * assertThat(journey).wasContactedVia(SMS).on(day(0)).thenStoppedAt("d2-voice").hasStatus(CONVERTED);
 * }</pre>
 */
public final class JourneyAssert extends AbstractAssert<JourneyAssert, Journey> {

    private List<HistoryEntry> selection;
    private String selectionName;

    JourneyAssert(Journey actual) {
        super(actual, JourneyAssert.class);
    }

    /** The journey is in this status. */
    public JourneyAssert hasStatus(JourneyStatus status) {
        isNotNull();
        if (actual.status() != status) {
            failWithMessage("expected journey %s to be %s but was %s (%s)%n%s", actual.id(), status, actual.status(),
                    actual.statusReason(), historyText());
        }
        return this;
    }

    /** At least one contact was sent on this channel; selects those contacts for {@link #on} / {@link #at}. */
    public JourneyAssert wasContactedVia(Channel channel) {
        isNotNull();
        selection = actual.history().stream()
                .filter(e -> e.kind() == HistoryEntry.Kind.SENT && e.channel() == channel).toList();
        selectionName = "contacts via " + channel;
        if (selection.isEmpty()) {
            failWithMessage("expected journey %s to have been contacted via %s, but it was not%n%s", actual.id(), channel,
                    historyText());
        }
        return this;
    }

    /** No contact was sent on this channel. */
    public JourneyAssert wasNotContactedVia(Channel channel) {
        isNotNull();
        List<HistoryEntry> sent = actual.history().stream()
                .filter(e -> e.kind() == HistoryEntry.Kind.SENT && e.channel() == channel).toList();
        if (!sent.isEmpty()) {
            failWithMessage("expected journey %s not to be contacted via %s, but it was: %s", actual.id(), channel, sent);
        }
        return this;
    }

    /** Of the selected contacts, at least one was sent on this day of the cadence (customer's local date). */
    public JourneyAssert on(CadenceDay day) {
        requireSelection("on");
        LocalDate anchor = actual.anchorDate().orElseThrow(() -> new AssertionError(
                "journey " + actual.id() + " has no day zero yet"));
        LocalDate date = anchor.plusDays(day.offset());
        selection = selection.stream().filter(e -> e.at().atZone(actual.zone()).toLocalDate().equals(date)).toList();
        selectionName += " on " + day + " (" + date + ")";
        if (selection.isEmpty()) {
            failWithMessage("expected %s of journey %s, but there were none%n%s", selectionName, actual.id(), historyText());
        }
        return this;
    }

    /** Of the selected contacts, at least one was sent at this local time of day. */
    public JourneyAssert at(LocalTime time) {
        requireSelection("at");
        selection = selection.stream().filter(e -> e.at().atZone(actual.zone()).toLocalTime().equals(time)).toList();
        selectionName += " at " + time;
        if (selection.isEmpty()) {
            failWithMessage("expected %s of journey %s, but there were none%n%s", selectionName, actual.id(), historyText());
        }
        return this;
    }

    /** The last contact sent was for this step (where the customer "stopped"). */
    public JourneyAssert thenStoppedAt(String stepId) {
        return stoppedAt(stepId);
    }

    /** The last contact sent was for this step (where the customer "stopped"). */
    public JourneyAssert stoppedAt(String stepId) {
        isNotNull();
        String stopped = actual.stoppedAt().orElse(null);
        if (!stepId.equals(stopped)) {
            failWithMessage("expected journey %s to have stopped at '%s' but it stopped at '%s'%n%s", actual.id(), stepId,
                    stopped, historyText());
        }
        return this;
    }

    /** The steps sent, in order, are exactly these. */
    public JourneyAssert sentSteps(String... stepIds) {
        isNotNull();
        List<String> sent = actual.history().stream().filter(e -> e.kind() == HistoryEntry.Kind.SENT)
                .map(HistoryEntry::stepId).toList();
        if (!sent.equals(List.of(stepIds))) {
            failWithMessage("expected journey %s to have sent %s but it sent %s%n%s", actual.id(), List.of(stepIds), sent,
                    historyText());
        }
        return this;
    }

    /** No contact was sent after this instant. */
    public JourneyAssert hasNoContactAfter(Instant instant) {
        isNotNull();
        List<HistoryEntry> after = actual.history().stream()
                .filter(e -> e.kind() == HistoryEntry.Kind.SENT && e.at().isAfter(instant)).toList();
        if (!after.isEmpty()) {
            failWithMessage("expected no contact after %s for journey %s, but found %s", instant, actual.id(), after);
        }
        return this;
    }

    /** The history has an entry of this kind with this reason code (for this step, if given). */
    public JourneyAssert hasEntry(HistoryEntry.Kind kind, String stepId, String reason) {
        isNotNull();
        boolean found = actual.history().stream().anyMatch(e -> e.kind() == kind && e.reason().equals(reason)
                && (stepId == null || stepId.equals(e.stepId())));
        if (!found) {
            failWithMessage("expected journey %s to have a %s entry%s with reason '%s'%n%s", actual.id(), kind,
                    stepId == null ? "" : " for step '" + stepId + "'", reason, historyText());
        }
        return this;
    }

    private void requireSelection(String option) {
        isNotNull();
        if (selection == null) {
            throw new IllegalStateException(option + "(...) narrows a selection: call wasContactedVia(channel) first");
        }
    }

    private String historyText() {
        return actual.history().stream().map(e -> "  " + e).collect(Collectors.joining("\n", "history:\n", ""));
    }
}
