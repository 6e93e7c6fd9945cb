package io.cadencerules.channels.inbound;

import java.util.Objects;

/**
 * Where an inbound call should go, as a suggestion for the IVR platform.
 *
 * @param kind   the kind of route
 * @param target the agent queue for {@link Kind#AGENT_QUEUE}, the subject key (invoice) for
 *               {@link Kind#PAYMENT_PROMPT}, else empty
 * @param reason why, for logs and the agent's screen
 */
public record Routing(Kind kind, String target, String reason) {

    /** Kinds of route. */
    public enum Kind {
        /** Transfer to a human agent queue. */
        AGENT_QUEUE,
        /** Play the debt and offer payment (Pix, boleto second copy) in the IVR. */
        PAYMENT_PROMPT,
        /** Nothing to say: the IVR's ordinary menu. */
        SELF_SERVICE
    }

    /** Validates the fields. */
    public Routing {
        Objects.requireNonNull(kind, "kind");
        target = target == null ? "" : target;
        Objects.requireNonNull(reason, "reason");
        if (kind != Kind.SELF_SERVICE && target.isBlank()) {
            throw new IllegalArgumentException(kind + " routing needs a target, but was blank (" + reason + ")");
        }
    }
}
