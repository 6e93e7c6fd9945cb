package io.cadencerules.event;

import java.time.LocalDate;
import java.time.Instant;
import java.util.Objects;

/** A promise to pay {@code amount} by {@code promisedDate}; pauses cadences that {@code pauseOn(PROMISE_TO_PAY)}. */
public record PromiseToPay(String id, Instant occurredAt, String customerId, String subjectKey, LocalDate promisedDate, io.cadencerules.customer.Money amount) implements Event {

    public PromiseToPay {
        Event.requireHeader(id, occurredAt, customerId, subjectKey);
        Objects.requireNonNull(promisedDate, "promisedDate");
    }

    @Override
    public EventType type() {
        return EventType.PROMISE_TO_PAY;
    }
}
