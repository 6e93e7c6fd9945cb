package io.cadencerules.journey;

/**
 * The reason codes the engine records. Stages added by applications (rules, policies) may record
 * their own codes; these are the built-in ones.
 */
public final class Reasons {

    private Reasons() {
    }

    public static final String ENROLLED = "enrolled";
    public static final String STEP_DUE = "step-due";
    public static final String ACCEPTED = "accepted";
    public static final String CONDITION_NOT_MET = "condition-not-met";
    public static final String NO_CONTACT_POINT = "no-contact-point";
    public static final String NO_ADAPTER = "no-adapter";
    public static final String PROVIDER_REJECTED = "provider-rejected";
    public static final String PROVIDER_FAILED = "provider-failed";
    public static final String PROVIDER_DEFERRED = "provider-deferred";
    public static final String OUTCOME_UNKNOWN = "outcome-unknown";
    public static final String DELIVERY_FAILED = "delivery-failed";
    public static final String ATTEMPTS_EXHAUSTED = "attempts-exhausted";
    public static final String STALE = "stale";
    public static final String BEFORE_ENROLMENT = "before-enrolment";
    public static final String GOAL_REACHED = "goal-reached";
    public static final String EXIT_EVENT = "exit-event";
    public static final String PROMISE_TO_PAY = "promise-to-pay";
    public static final String PROMISE_BROKEN = "promise-broken";
    public static final String PAUSE_EVENT = "pause-event";
    public static final String MANUAL = "manual";
    public static final String HORIZON_REACHED = "horizon-reached";
    public static final String BRANCH = "branch";
    public static final String OUTCOME = "outcome";
    public static final String ANCHOR_EVENT = "anchor-event";
    public static final String DISPATCH_ERROR = "dispatch-error";
    public static final String ENGINE_ERROR = "engine-error";
    /** A contact refused at its last check (a stage's admit) never reached its adapter. */
    public static final String NOT_SENT = "not-sent";
    public static final String JUMPED = "jumped";
}
