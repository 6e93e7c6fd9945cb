package io.cadencerules.event;

import java.time.Instant;
import java.util.Objects;

/**
 * An input the engine refused: a malformed event or JSON, an event for no known journey, a future
 * event. Rejections are recorded and reported to listeners; they never throw through the caller.
 *
 * @param at      engine time of the rejection
 * @param eventId the event id when known, else empty
 * @param reason  a reason code: "malformed", "unknown-journey", "future-event"…
 * @param detail  what was wrong, naming the field or JSON path
 * @param input   the raw input (JSON text or the event's string form), for later inspection
 */
public record Rejection(Instant at, String eventId, String reason, String detail, String input) {

    public Rejection {
        Objects.requireNonNull(at, "at");
        eventId = eventId == null ? "" : eventId;
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
        input = input == null ? "" : input;
    }
}
