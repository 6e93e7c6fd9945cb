package io.cadencerules.policy;

/** The reason codes the contact policy records; the detail names the rule and the pack version. */
public final class PolicyReasons {

    private PolicyReasons() {
    }

    /** Outside the allowed hours; deferred to the next allowed instant, or dropped. */
    public static final String OUTSIDE_WINDOW = "outside-window";
    /** The windows of the person's places never overlap in the next two weeks. */
    public static final String NO_COMMON_WINDOW = "no-common-window";
    /** A frequency cap is reached; deferred until it frees. */
    public static final String FREQUENCY_CAP = "frequency-cap";
    /** Too soon after a conversation (Regulation F). */
    public static final String QUIET_AFTER_CONVERSATION = "quiet-after-conversation";
    /** The person opted out of this channel (or all) for this purpose. */
    public static final String OPTED_OUT = "opted-out";
    /** The purpose and channel need a consent the person has not given. */
    public static final String NO_CONSENT = "no-consent";
    /** The address is on a suppression list that covers this purpose and channel. */
    public static final String SUPPRESSED = "suppressed";
    /** A suppression list covering this contact is older than its freshness limit. */
    public static final String SUPPRESSION_LIST_STALE = "suppression-list-stale";
    /** No policy pack covers any of the person's places. */
    public static final String NO_POLICY_PACK = "no-policy-pack";
    /** The person asked the creditor to cease communication. */
    public static final String CEASE_REQUEST = "cease-request";
    /** The debt is disputed; the journey waits for verification. */
    public static final String DISPUTE = "dispute";
    /** The person died. */
    public static final String DECEASED = "deceased";
    /** The person is in bankruptcy. */
    public static final String BANKRUPTCY = "bankruptcy";
    /** The person complained to a regulator or consumer body. */
    public static final String COMPLAINT = "complaint";
}
