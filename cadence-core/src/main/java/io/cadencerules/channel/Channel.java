package io.cadencerules.channel;

import io.cadencerules.customer.ContactPoint;

/** The outbound channels a step can use. */
public enum Channel {
    /** E-mail, optionally interactive (tracked links). */
    EMAIL(ContactPoint.Type.EMAIL),
    /** One-way SMS. */
    SMS(ContactPoint.Type.PHONE),
    /** Two-way ("interactive") SMS: the reply is an event. */
    TWO_WAY_SMS(ContactPoint.Type.PHONE),
    /** WhatsApp Business message. */
    WHATSAPP(ContactPoint.Type.WHATSAPP),
    /** Pre-recorded or TTS voice message without interaction (torpedo de voz). */
    VOICE_BLAST(ContactPoint.Type.PHONE),
    /** Automated outbound call with a key menu (URA ativa). */
    OUTBOUND_IVR(ContactPoint.Type.PHONE),
    /** A task or transfer to a human agent of the call center. */
    AGENT(ContactPoint.Type.PHONE);

    private final ContactPoint.Type address;

    Channel(ContactPoint.Type address) {
        this.address = address;
    }

    /** The kind of contact point this channel sends to. */
    public ContactPoint.Type addressType() {
        return address;
    }

    /** True for channels that place a phone call (voice blast, IVR, agent). */
    public boolean isCall() {
        return this == VOICE_BLAST || this == OUTBOUND_IVR || this == AGENT;
    }
}
