package io.cadencerules.channels.typed;

import io.cadencerules.channel.Channel;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the history summary an agent sees: a contact or its outcome.
 *
 * @param at      when the engine recorded it
 * @param stepId  the step, or empty for an event
 * @param channel the channel, or null when the entry has none (a payment)
 * @param outcome what happened: {@code sent}, {@code failed: …}, {@code reply 'QUERO'}, {@code call NOT_ANSWERED}…
 * @param text    the line as shown: {@code 11/03/2026 09:00 TWO_WAY_SMS d1-sms: sent} (local time of the journey)
 */
public record HistoryLine(Instant at, String stepId, Channel channel, String outcome, String text) {

    /** Validates the fields. */
    public HistoryLine {
        Objects.requireNonNull(at, "at");
        stepId = stepId == null ? "" : stepId;
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(text, "text");
    }
}
