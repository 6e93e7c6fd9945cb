package io.cadencerules.rules;

/** Skips a due step as not applicable (recorded as SKIPPED with the rule's name). */
public final class Skip extends Conclusion {

    private final String reason;

    /** Skips a due step as not applicable (recorded as SKIPPED with the rule's name). */
    public Skip(Object about, String reason) {
        super(about);
        this.reason = requireText(reason, "skip reason");
    }

    public String getReason() {
        return reason;
    }

    @Override
    public String toString() {
        return "Skip" + " " + reason + " (rule '" + rule() + "')";
    }
}
