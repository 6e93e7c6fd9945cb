package io.cadencerules.event;

import java.time.Instant;
import java.util.Objects;

/** A tracked link was clicked. */
public record LinkClicked(String id, Instant occurredAt, String customerId, String subjectKey, String link) implements Event {

    public LinkClicked {
        Event.requireHeader(id, occurredAt, customerId, subjectKey);
        Objects.requireNonNull(link, "link");
    }

    @Override
    public EventType type() {
        return EventType.LINK_CLICKED;
    }
}
