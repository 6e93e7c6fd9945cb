package io.cadencerules.engine;

/**
 * Decides named rule conditions used by {@code .when(rule("name"))} in cadences. The rules module
 * provides one backed by DRL; applications may register their own.
 */
@FunctionalInterface
public interface ConditionEvaluator {

    /** True if the named rule holds for the candidate. */
    boolean test(String rule, StepContext candidate);

    /**
     * Decides a batch: {@code rules.get(i)} for {@code candidates.get(i)}. By default one
     * {@link #test} per candidate; rule engines evaluate the batch at once.
     */
    default boolean[] testAll(java.util.List<String> rules, java.util.List<StepContext> candidates) {
        boolean[] holds = new boolean[candidates.size()];
        for (int i = 0; i < holds.length; i++) {
            holds[i] = test(rules.get(i), candidates.get(i));
        }
        return holds;
    }

    /** True if this evaluator knows the rule; checked when a cadence is registered. */
    default boolean knows(String rule) {
        return true;
    }
}
