package io.cadencerules.cadence;

/**
 * A condition a step must meet to fire. Segments are checked against the customer's and the
 * journey's segment tags; rule conditions are evaluated by the engine's condition evaluator
 * (DRL rules, or any {@code ConditionEvaluator} the application registers).
 */
public sealed interface Condition {

    /** The customer (or the journey, after classification) carries this segment tag. */
    record Segment(String name) implements Condition {
        public Segment {
            requireName(name, "segment");
        }
    }

    /** A named rule, decided by the engine's condition evaluator. */
    record Rule(String name) implements Condition {
        public Rule {
            requireName(name, "rule");
        }
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " condition name must not be blank, but was '" + name + "'");
        }
    }
}
