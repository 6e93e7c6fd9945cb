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
 * @param offers   next-best-action proposals for the customer, best first (empty without a {@code NextBestAction})
 */
public record EventReceipt(String eventId, Outcome outcome, List<JourneyId> journeys, String reason, String detail,
                           List<Proposal> offers) {

    /** What happened to the event. */
    public enum Outcome { APPLIED, DUPLICATE, REJECTED }

    public EventReceipt {
        eventId = eventId == null ? "" : eventId;
        Objects.requireNonNull(outcome, "outcome");
        journeys = List.copyOf(journeys == null ? List.of() : journeys);
        reason = reason == null ? "" : reason;
        detail = detail == null ? "" : detail;
        offers = List.copyOf(offers == null ? List.of() : offers);
    }

    /** The best offer, if any. */
    public java.util.Optional<Proposal> bestOffer() {
        return offers.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(offers.get(0));
    }

    static EventReceipt applied(String eventId, List<JourneyId> journeys, List<Proposal> offers) {
        return new EventReceipt(eventId, Outcome.APPLIED, journeys, "", "", offers);
    }

    static EventReceipt duplicate(String eventId) {
        return new EventReceipt(eventId, Outcome.DUPLICATE, List.of(), "duplicate", "event id already handled", List.of());
    }

    static EventReceipt rejected(String eventId, String reason, String detail) {
        return new EventReceipt(eventId, Outcome.REJECTED, List.of(), reason, detail, List.of());
    }
}
