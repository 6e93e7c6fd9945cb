package io.cadencerules.event;

import io.cadencerules.channel.Channel;
import java.time.Instant;
import java.util.Objects;

/** How a call ended: answered, not answered, busy, or voicemail. */
public record CallOutcome(String id, Instant occurredAt, String customerId, String subjectKey, Channel channel, Result result, String dispatchKey) implements Event {

    public CallOutcome {
        Event.requireHeader(id, occurredAt, customerId, subjectKey);
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(result, "result");
    }

    @Override
    public EventType type() {
        return EventType.CALL_OUTCOME;
    }

    /** How the call ended. */
    public enum Result { ANSWERED, NOT_ANSWERED, BUSY, VOICEMAIL }
}
