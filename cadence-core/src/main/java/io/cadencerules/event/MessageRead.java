package io.cadencerules.event;

import io.cadencerules.channel.Channel;
import java.time.Instant;
import java.util.Objects;

/** The customer read (opened) a message. */
public record MessageRead(String id, Instant occurredAt, String customerId, String subjectKey, Channel channel, String dispatchKey) implements Event {

    public MessageRead {
        Event.requireHeader(id, occurredAt, customerId, subjectKey);
        Objects.requireNonNull(channel, "channel");
    }

    @Override
    public EventType type() {
        return EventType.MESSAGE_READ;
    }
}
