package io.cadencerules.channels.typed;

/** What a provider bills per. */
public enum CostUnit {
    /** Per SMS segment (part of a concatenated SMS): segments × unit cost. */
    SEGMENT,
    /** Per message, whatever its length (e-mail, WhatsApp conversation or template message). */
    MESSAGE,
    /** Per call attempt, answered or not, or per agent task. */
    ATTEMPT,
    /** Per started minute of call. */
    MINUTE
}
