package io.cadencerules.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;

/** An application-defined event with a name and a JSON payload; cadences react to it by name. */
public record CustomEvent(String id, Instant occurredAt, String customerId, String subjectKey, String name, JsonNode payload) implements Event {

    public CustomEvent {
        Event.requireHeader(id, occurredAt, customerId, subjectKey);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("event '" + id + "' custom name must not be blank");
        }
        payload = payload == null ? JsonNodeFactory.instance.objectNode() : payload.deepCopy();
    }

    @Override
    public EventType type() {
        return EventType.CUSTOM;
    }
}
