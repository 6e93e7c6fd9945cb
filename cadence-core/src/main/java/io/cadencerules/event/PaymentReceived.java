package io.cadencerules.event;

import java.time.Instant;
import java.util.Objects;

/** A payment: {@code full} settles the subject, a partial payment is an outcome only. */
public record PaymentReceived(String id, Instant occurredAt, String customerId, String subjectKey, io.cadencerules.customer.Money amount, boolean full) implements Event {

    public PaymentReceived {
        Event.requireHeader(id, occurredAt, customerId, subjectKey);
        Objects.requireNonNull(amount, "amount");
        if (amount.amount().signum() <= 0) {
            throw new IllegalArgumentException("event '" + id + "' payment amount must be positive, but was " + amount);
        }
    }

    @Override
    public EventType type() {
        return EventType.PAYMENT_RECEIVED;
    }
}
