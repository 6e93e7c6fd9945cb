package io.cadencerules.journey;

/**
 * Identifies the journeys of one customer and subject in one cadence; at most one of them is live.
 *
 * @param customerId the customer
 * @param subjectKey the subject
 * @param cadenceId  the cadence
 */
public record JourneyKey(String customerId, String subjectKey, String cadenceId) {

    public JourneyKey {
        requirePart(customerId, "customer id");
        requirePart(subjectKey, "subject key");
        requirePart(cadenceId, "cadence id");
    }

    static void requirePart(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("journey " + what + " must not be blank, but was '" + value + "'");
        }
    }

    /** The id of run {@code run} (1 for the first journey, 2 after a re-entry…). */
    public JourneyId run(int run) {
        return new JourneyId(customerId, subjectKey, cadenceId, run);
    }

    @Override
    public String toString() {
        return customerId + "/" + subjectKey + "/" + cadenceId;
    }
}
