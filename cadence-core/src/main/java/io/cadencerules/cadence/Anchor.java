package io.cadencerules.cadence;

import io.cadencerules.event.EventType;

import java.util.Objects;

/**
 * What day zero of a cadence is: the subject's due date, the enrolment time, or the first
 * occurrence of an event after enrolment (an inbound contact, a cart abandoned).
 *
 * @param type  which of the three
 * @param event the event type for {@link Type#EVENT}, else null
 * @param name  the custom event name when {@code event} is {@link EventType#CUSTOM}, else null
 */
public record Anchor(Type type, EventType event, String name) {

    /** Day zero is the subject's due date. */
    public static final Anchor DUE_DATE = new Anchor(Type.DUE_DATE, null, null);
    /** Day zero is the moment of enrolment. */
    public static final Anchor ENROLMENT = new Anchor(Type.ENROLMENT, null, null);

    /** The kinds of anchor. */
    public enum Type { DUE_DATE, ENROLMENT, EVENT }

    public Anchor {
        Objects.requireNonNull(type, "type");
        if (type == Type.EVENT) {
            Objects.requireNonNull(event, "an EVENT anchor needs an event type");
            if (event == EventType.CUSTOM && (name == null || name.isBlank())) {
                throw new IllegalArgumentException("an anchor on a CUSTOM event needs the event name");
            }
            if (event != EventType.CUSTOM) {
                name = null;
            }
        } else if (event != null || name != null) {
            throw new IllegalArgumentException("only an EVENT anchor names an event, but " + type + " named " + event);
        }
    }

    /** Day zero is the first event of this type after enrolment. */
    public static Anchor event(EventType type) {
        return new Anchor(Type.EVENT, type, null);
    }

    /** Day zero is the first custom event with this name after enrolment. */
    public static Anchor customEvent(String name) {
        return new Anchor(Type.EVENT, EventType.CUSTOM, name);
    }
}
