package io.cadencerules.channels.address;

/** What kind of line a valid number is, as far as the numbering plan tells. */
public enum LineType {
    /** A mobile number (in Brazil: 9 digits starting with 9 after the DDD). */
    MOBILE,
    /** A landline (in Brazil: 8 digits starting with 2 to 5 after the DDD). */
    FIXED_LINE,
    /** The plan does not tell mobiles from landlines (e.g. the US). */
    FIXED_LINE_OR_MOBILE,
    /** Toll-free, premium, VoIP, pager… */
    OTHER,
    /** Not known (invalid numbers). */
    UNKNOWN;

    /** True when the line can take an SMS or WhatsApp message, as far as we know. */
    public boolean mayBeMobile() {
        return this == MOBILE || this == FIXED_LINE_OR_MOBILE;
    }
}
