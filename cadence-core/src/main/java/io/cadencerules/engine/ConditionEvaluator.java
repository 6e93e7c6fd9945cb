package io.cadencerules.engine;

/**
 * Decides named rule conditions used by {@code .when(rule("name"))} in cadences. The rules module
 * provides one backed by DRL; applications may register their own.
 */
@FunctionalInterface
public interface ConditionEvaluator {

    /** True if the named rule holds for the candidate. */
    boolean test(String rule, StepContext candidate);

    /** True if this evaluator knows the rule; checked when a cadence is registered. */
    default boolean knows(String rule) {
        return true;
    }
}
