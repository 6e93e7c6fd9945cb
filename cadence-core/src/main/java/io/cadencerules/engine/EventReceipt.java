package io.cadencerules.engine;

import io.cadencerules.journey.JourneyId;

import java.util.List;
import java.util.Objects;

/**
 * The answer to {@code handle}: whether the event was applied, and to which journeys.
 *
 * @param eventId  the event id ("" when the input had none)
 * @param outcome  applied, duplicate, or rejected
 * @param journeys the journeys it was applied to
 * @param reason   the rejection reason code, else empty
 * @param detail   the rejection detail, else empty
 */
public record EventReceipt(String eventId, Outcome outcome, List<JourneyId> journeys, String reason, String detail) {

    /** What happened to the event. */
    public enum Outcome { APPLIED, DUPLICATE, REJECTED }

    public EventReceipt {
        eventId = eventId == null ? "" : eventId;
        Objects.requireNonNull(outcome, "outcome");
        journeys = List.copyOf(journeys == null ? List.of() : journeys);
        reason = reason == null ? "" : reason;
        detail = detail == null ? "" : detail;
    }

    static EventReceipt applied(String eventId, List<JourneyId> journeys) {
        return new EventReceipt(eventId, Outcome.APPLIED, journeys, "", "");
    }

    static EventReceipt duplicate(String eventId) {
        return new EventReceipt(eventId, Outcome.DUPLICATE, List.of(), "duplicate", "event id already handled");
    }

    static EventReceipt rejected(String eventId, String reason, String detail) {
        return new EventReceipt(eventId, Outcome.REJECTED, List.of(), reason, detail);
    }
}
