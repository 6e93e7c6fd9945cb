package io.cadencerules.event;

import java.time.Instant;
import java.util.Objects;

/** The cadence's goal was reached by other means than a payment: a purchase, a confirmation, a booking. */
public record Conversion(String id, Instant occurredAt, String customerId, String subjectKey, String goal, io.cadencerules.customer.Money value) implements Event {

    public Conversion {
        Event.requireHeader(id, occurredAt, customerId, subjectKey);
        Objects.requireNonNull(goal, "goal");
    }

    @Override
    public EventType type() {
        return EventType.CONVERSION;
    }
}
