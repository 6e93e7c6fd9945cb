package io.cadencerules.event;

import io.cadencerules.channel.Channel;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A text reply (two-way SMS, WhatsApp, e-mail). Matched against the step's reply branches and the
 * stop keywords in {@linkplain #normalize(String) normal form}: "Não!" matches the keyword "NAO".
 */
public record ReplyReceived(String id, Instant occurredAt, String customerId, String subjectKey, Channel channel, String text) implements Event {

    public ReplyReceived {
        Event.requireHeader(id, occurredAt, customerId, subjectKey);
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(text, "text");
    }

    /**
     * Text in the form replies and keywords are compared in: upper case, accents removed,
     * punctuation as single spaces, trimmed ("  não, obrigado! " is "NAO OBRIGADO").
     */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return plain.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", " ").strip();
    }

    @Override
    public EventType type() {
        return EventType.REPLY_RECEIVED;
    }
}
