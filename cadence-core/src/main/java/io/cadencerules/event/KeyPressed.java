package io.cadencerules.event;

import java.time.Instant;

/** A key pressed in an IVR menu: 0-9, * or #. */
public record KeyPressed(String id, Instant occurredAt, String customerId, String subjectKey, char digit) implements Event {

    public KeyPressed {
        Event.requireHeader(id, occurredAt, customerId, subjectKey);
        if (!(digit >= '0' && digit <= '9') && digit != '*' && digit != '#') {
            throw new IllegalArgumentException("event '" + id + "' key must be 0-9, * or #, but was '" + digit + "'");
        }
    }

    @Override
    public EventType type() {
        return EventType.KEY_PRESSED;
    }
}
