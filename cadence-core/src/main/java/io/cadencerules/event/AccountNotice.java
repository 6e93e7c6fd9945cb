package io.cadencerules.event;

import java.time.Instant;
import java.util.Objects;

/** A notice about the account that restricts contact: cease request, dispute, death, bankruptcy, complaint. */
public record AccountNotice(String id, Instant occurredAt, String customerId, String subjectKey, Kind kind, String note) implements Event {

    public AccountNotice {
        Event.requireHeader(id, occurredAt, customerId, subjectKey);
        Objects.requireNonNull(kind, "kind");
        note = note == null ? "" : note;
    }

    @Override
    public EventType type() {
        return kind.type;
    }

    /** What the notice says. */
    public enum Kind {
        CEASE(EventType.CEASE), DISPUTE(EventType.DISPUTE), DECEASED(EventType.DECEASED), BANKRUPTCY(EventType.BANKRUPTCY),
        COMPLAINT(EventType.COMPLAINT);

        private final EventType type;

        Kind(EventType type) {
            this.type = type;
        }
    }
}
