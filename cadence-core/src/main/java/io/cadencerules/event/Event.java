package io.cadencerules.event;

import java.time.Instant;
import java.util.Optional;

/**
 * Something that happened to a customer: a payment, a reply, a key press, an opt-out…
 *
 * <p>Every event has an {@link #id()} for idempotency (the engine handles an id once) and an
 * {@link #occurredAt()} time. It finds its journeys by {@link #customerId()} and, when given,
 * {@link #subjectKey()}; without a subject key it reaches every live journey of the customer.
 */
public sealed interface Event permits PaymentReceived, PromiseToPay, MessageDelivered, MessageFailed, MessageRead,
        ReplyReceived, KeyPressed, CallOutcome, LinkClicked, InboundContact, OptOut, AccountNotice, Conversion,
        SurveyAnswered, CustomEvent {

    /** Unique id; a second event with the same id is ignored. */
    String id();

    /** When it happened. */
    Instant occurredAt();

    /** The customer it concerns. */
    String customerId();

    /** The subject it concerns, or null for all of the customer's journeys. */
    String subjectKey();

    /** The kind of event. */
    EventType type();

    /** The subject key, if the event names one. */
    default Optional<String> subject() {
        return Optional.ofNullable(subjectKey());
    }

    /** Checks the fields every event has; used by the records' constructors. */
    static void requireHeader(String id, Instant occurredAt, String customerId, String subjectKey) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("event id must not be blank, but was '" + id + "'");
        }
        if (occurredAt == null) {
            throw new IllegalArgumentException("event '" + id + "' must have an occurredAt time");
        }
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("event '" + id + "' must name a customer id, but was '" + customerId + "'");
        }
        if (subjectKey != null && subjectKey.isBlank()) {
            throw new IllegalArgumentException("event '" + id + "' subject key must be null or non-blank");
        }
    }
}
