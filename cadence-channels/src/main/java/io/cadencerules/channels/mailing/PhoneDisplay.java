package io.cadencerules.channels.mailing;

/** How the mailing shows phone numbers. */
public enum PhoneDisplay {
    /** {@code +55 11 9****-4321}: for reports and lists that leave the dialer. */
    MASKED,
    /** {@code +5511987654321}: for the dialer or agent desktop that places the call. */
    FULL
}
