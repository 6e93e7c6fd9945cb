package io.cadencerules.store;

import io.cadencerules.journey.JourneyStatus;

/**
 * A filter for {@link JourneyStore#query}: every non-null field must match.
 *
 * @param customerId only this customer's journeys, or null
 * @param cadenceId  only this cadence's journeys, or null
 * @param status     only journeys in this status, or null
 * @param limit      at most this many, at least 1
 */
public record JourneyQuery(String customerId, String cadenceId, JourneyStatus status, int limit) {

    /** Default upper bound of a query. */
    public static final int DEFAULT_LIMIT = 10_000;

    public JourneyQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("query limit must be at least 1, but was " + limit);
        }
    }

    /** Journeys in a status. */
    public static JourneyQuery byStatus(JourneyStatus status) {
        return new JourneyQuery(null, null, status, DEFAULT_LIMIT);
    }

    /** Journeys of a cadence. */
    public static JourneyQuery byCadence(String cadenceId) {
        return new JourneyQuery(null, cadenceId, null, DEFAULT_LIMIT);
    }

    /** The same query with another limit. */
    public JourneyQuery limit(int max) {
        return new JourneyQuery(customerId, cadenceId, status, max);
    }

    /** The same query restricted to a status. */
    public JourneyQuery status(JourneyStatus only) {
        return new JourneyQuery(customerId, cadenceId, only, limit);
    }
}
