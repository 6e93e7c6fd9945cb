package io.cadencerules.channels.typed;

import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;

/**
 * A contact request shaped for one channel family: the engine's {@link ContactRequest} plus what the
 * provider needs (rendered text, encoding, caller ID…). Built by {@link TypedChannels}.
 */
public sealed interface TypedRequest permits SmsRequest, TwoWaySmsRequest, EmailRequest, WhatsAppRequest,
        VoiceBlastRequest, OutboundIvrRequest, AgentTaskRequest {

    /** The engine's request this one was built from. */
    ContactRequest source();

    /** The idempotency key the provider must de-duplicate on. */
    default String idempotencyKey() {
        return source().idempotencyKey();
    }

    /** The channel. */
    default Channel channel() {
        return source().channel();
    }

    /** Checks that a source request is for the expected channel; used by the records' constructors. */
    static ContactRequest requireChannel(ContactRequest source, Channel expected, String what) {
        if (source == null) {
            throw new IllegalArgumentException(what + " needs a source contact request, but was null");
        }
        if (source.channel() != expected) {
            throw new IllegalArgumentException(what + " needs a " + expected + " contact request, but request '"
                    + source.idempotencyKey() + "' is for " + source.channel());
        }
        return source;
    }

    /** Checks a required text field; used by the records' constructors. */
    static String requireText(String value, String what, ContactRequest source) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " of request '" + source.idempotencyKey()
                    + "' must not be blank, but was '" + value + "'");
        }
        return value;
    }
}
