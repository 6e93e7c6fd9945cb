package io.cadencerules.cadence;

/**
 * Static helpers that make a cadence read like the régua it describes:
 * {@code import static io.cadencerules.cadence.Dsl.*;}.
 */
public final class Dsl {

    private Dsl() {
    }

    /** A day offset from the anchor: {@code days(-3)} is D-3, {@code days(2)} is D+2. */
    public static int days(int days) {
        return days;
    }

    /** Branch action: hand the customer to an agent in this queue now. */
    public static BranchAction handOffToAgent(String queue) {
        return new BranchAction.HandOff(queue);
    }

    /** Branch action: fire this step now. */
    public static BranchAction goTo(String stepId) {
        return new BranchAction.GoTo(stepId);
    }

    /** Branch action: end the journey without conversion. */
    public static BranchAction stop() {
        return new BranchAction.Stop(false);
    }

    /** Branch action: end the journey as converted. */
    public static BranchAction convert() {
        return new BranchAction.Stop(true);
    }

    /** Branch action: enrol the customer and subject in another cadence. */
    public static BranchAction startCadence(String cadenceId) {
        return new BranchAction.StartCadence(cadenceId);
    }

    /** Condition: the customer or journey carries this segment tag. */
    public static Condition segment(String name) {
        return new Condition.Segment(name);
    }

    /** Condition: the named rule, decided by the engine's condition evaluator, holds. */
    public static Condition rule(String name) {
        return new Condition.Rule(name);
    }
}
