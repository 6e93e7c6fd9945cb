package io.cadencerules.rules;

/** Ends the journey (EXITED) with a reason. */
public final class StopJourney extends Conclusion {

    private final String reason;

    /** Ends the journey (EXITED) with a reason. */
    public StopJourney(Object about, String reason) {
        super(about);
        this.reason = requireText(reason, "stop reason");
    }

    public String getReason() {
        return reason;
    }

    @Override
    public String toString() {
        return "StopJourney" + " " + reason + " (rule '" + rule() + "')";
    }
}
