package io.cadencerules.event;

/** The kinds of {@link Event}; cadences name them in {@code exitOn}, {@code pauseOn} and reactions. */
public enum EventType {
    PAYMENT_RECEIVED,
    PROMISE_TO_PAY,
    MESSAGE_DELIVERED,
    MESSAGE_FAILED,
    MESSAGE_READ,
    REPLY_RECEIVED,
    KEY_PRESSED,
    CALL_OUTCOME,
    LINK_CLICKED,
    INBOUND_CONTACT,
    OPT_OUT,
    CEASE,
    DISPUTE,
    DECEASED,
    BANKRUPTCY,
    COMPLAINT,
    CONVERSION,
    SURVEY_ANSWERED,
    CUSTOM;

    /** True for events that mean the cadence reached its goal (a full payment, a conversion). */
    public boolean isGoal() {
        return this == PAYMENT_RECEIVED || this == CONVERSION;
    }
}
