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

    /**
     * A well-mixed hash: ids such as "c-0000123" / "inv-0000123" share digits, and the record's default
     * combination of their hashes leaves the low bits alike, which crowds hash tables into few buckets.
     */
    @Override
    public int hashCode() {
        return mix(customerId, subjectKey, cadenceId);
    }

    static int mix(String customerId, String subjectKey, String cadenceId) {
        int h = customerId.hashCode();
        h = h * 0x9E3779B1 + subjectKey.hashCode();
        h = h * 0x9E3779B1 + cadenceId.hashCode();
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
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
