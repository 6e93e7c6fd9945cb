package io.cadencerules.event;

import io.cadencerules.channel.Channel;
import java.time.Instant;

/** The customer opted out of one channel, or of all channels when {@code channel} is null. */
public record OptOut(String id, Instant occurredAt, String customerId, String subjectKey, Channel channel) implements Event {

    public OptOut {
        Event.requireHeader(id, occurredAt, customerId, subjectKey);

    }

    @Override
    public EventType type() {
        return EventType.OPT_OUT;
    }
}
