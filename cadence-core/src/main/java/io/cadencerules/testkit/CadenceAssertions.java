package io.cadencerules.testkit;

import io.cadencerules.journey.Journey;

/**
 * Entry point of the test kit's AssertJ assertions:
 * {@code import static io.cadencerules.testkit.CadenceAssertions.assertThat;}.
 */
public final class CadenceAssertions {

    private CadenceAssertions() {
    }

    /** Assertions on a journey. */
    public static JourneyAssert assertThat(Journey journey) {
        return new JourneyAssert(journey);
    }
}
