package io.cadencerules.event;

import io.cadencerules.channel.Channel;
import java.time.Instant;
import java.util.Objects;

/** The customer contacted us (called the inbound IVR, wrote, chatted). */
public record InboundContact(String id, Instant occurredAt, String customerId, String subjectKey, Channel channel) implements Event {

    public InboundContact {
        Event.requireHeader(id, occurredAt, customerId, subjectKey);
        Objects.requireNonNull(channel, "channel");
    }

    @Override
    public EventType type() {
        return EventType.INBOUND_CONTACT;
    }
}
