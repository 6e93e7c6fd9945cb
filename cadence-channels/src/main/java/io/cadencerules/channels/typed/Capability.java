package io.cadencerules.channels.typed;

/** What an adapter's provider can do, declared in its {@link AdapterProfile}. */
public enum Capability {
    /** Replies or key presses come back as events. */
    TWO_WAY,
    /** Clicks on links come back as {@code LinkClicked} events. */
    TRACKED_LINKS,
    /** Only approved templates can be sent (a WhatsApp adapter without free text): free text is rejected. */
    TEMPLATES_ONLY,
    /** Delivery (and failure) receipts come back as events. */
    DELIVERY_RECEIPTS,
    /** Read receipts come back as events. */
    READ_RECEIPTS,
    /** Call outcomes (answered, busy, voicemail) come back as events. */
    CALL_OUTCOMES,
    /** HTML bodies. */
    HTML,
    /** Text-to-speech. */
    TEXT_TO_SPEECH,
    /** Pre-recorded audio. */
    AUDIO
}
