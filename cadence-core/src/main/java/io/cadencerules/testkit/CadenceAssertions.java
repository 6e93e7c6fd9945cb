package io.cadencerules.testkit;

import io.cadencerules.journey.Journey;

/**
 * Entry point of the test kit's AssertJ assertions:
 * {@code import static io.cadencerules.testkit.CadenceAssertions.assertThat;}.
 */
public final class CadenceAssertions {

    private CadenceAssertions() {
    }

    /** Assertions on what a rule book concluded. */
    public static EvaluationAssert assertThat(io.cadencerules.rules.Evaluation evaluation) {
        return new EvaluationAssert(evaluation);
    }

    /** Assertions on a journey. */
    public static JourneyAssert assertThat(Journey journey) {
        return new JourneyAssert(journey);
    }
}
