package io.cadencerules.journey;

/**
 * Identifies one journey: a customer and subject in a cadence, and which run it is (re-entries
 * after an ended journey get the next run number).
 *
 * @param customerId the customer
 * @param subjectKey the subject
 * @param cadenceId  the cadence
 * @param run        1 for the first journey of the key
 */
public record JourneyId(String customerId, String subjectKey, String cadenceId, int run) {

    public JourneyId {
        JourneyKey.requirePart(customerId, "customer id");
        JourneyKey.requirePart(subjectKey, "subject key");
        JourneyKey.requirePart(cadenceId, "cadence id");
        if (run < 1) {
            throw new IllegalArgumentException("journey run must be at least 1, but was " + run);
        }
    }

    /** A well-mixed hash (see {@link JourneyKey#hashCode()}). */
    @Override
    public int hashCode() {
        return JourneyKey.mix(customerId, subjectKey, cadenceId) * 31 + run;
    }

    /** The key all runs share. */
    public JourneyKey key() {
        return new JourneyKey(customerId, subjectKey, cadenceId);
    }

    /** {@code customer/subject/cadence#run}; used in idempotency keys. */
    @Override
    public String toString() {
        return customerId + "/" + subjectKey + "/" + cadenceId + "#" + run;
    }
}
