package io.cadencerules.event;

import io.cadencerules.channel.Channel;
import java.time.Instant;
import java.util.Objects;

/** The provider delivered a message. {@code dispatchKey} is the request's idempotency key, or null. */
public record MessageDelivered(String id, Instant occurredAt, String customerId, String subjectKey, Channel channel, String dispatchKey) implements Event {

    public MessageDelivered {
        Event.requireHeader(id, occurredAt, customerId, subjectKey);
        Objects.requireNonNull(channel, "channel");
    }

    @Override
    public EventType type() {
        return EventType.MESSAGE_DELIVERED;
    }
}
