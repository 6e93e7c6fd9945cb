package io.cadencerules.rules;

/** Blocks a due step (recorded as BLOCKED with the rule's name); the journey moves on to its next step. */
public final class Suppress extends Conclusion {

    private final String reason;

    /** Blocks a due step (recorded as BLOCKED with the rule's name); the journey moves on to its next step. */
    public Suppress(Object about, String reason) {
        super(about);
        this.reason = requireText(reason, "suppression reason");
    }

    public String getReason() {
        return reason;
    }

    @Override
    public String toString() {
        return "Suppress" + " " + reason + " (rule '" + rule() + "')";
    }
}
