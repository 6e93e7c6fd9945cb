package io.cadencerules.event;

import io.cadencerules.channel.Channel;
import java.time.Instant;
import java.util.Objects;

/** Delivery failed after the provider accepted the message; {@code permanent} failures are not retried. */
public record MessageFailed(String id, Instant occurredAt, String customerId, String subjectKey, Channel channel, String dispatchKey, String reason, boolean permanent) implements Event {

    public MessageFailed {
        Event.requireHeader(id, occurredAt, customerId, subjectKey);
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public EventType type() {
        return EventType.MESSAGE_FAILED;
    }
}
