package io.cadencerules.event;

import io.cadencerules.channel.Channel;
import java.time.Instant;
import java.util.Objects;

/** A text reply (two-way SMS, WhatsApp, e-mail). Matched against the step's reply branches, case-insensitively. */
public record ReplyReceived(String id, Instant occurredAt, String customerId, String subjectKey, Channel channel, String text) implements Event {

    public ReplyReceived {
        Event.requireHeader(id, occurredAt, customerId, subjectKey);
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public EventType type() {
        return EventType.REPLY_RECEIVED;
    }
}
