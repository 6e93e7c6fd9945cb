package io.cadencerules.rules;

/**
 * Lets a due step go out even if another cadence contacts the customer in the same arbitration
 * window ("at most one contact per window, unless a rule says otherwise").
 */
public final class ShareWindow extends Conclusion {

    /** The due step may share the customer's window. */
    public ShareWindow(Object about) {
        super(about);
    }

    @Override
    public String toString() {
        return "ShareWindow (rule '" + rule() + "')";
    }
}
