package io.cadencerules.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A claim on a journey by one engine instance until a time. While a lease is valid no other
 * instance claims the journey; an expired lease (a dead instance) lets another take it over.
 *
 * @param owner the engine instance id
 * @param until when the lease expires
 */
public record Lease(String owner, Instant until) {
    public Lease {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("lease owner must not be blank, but was '" + owner + "'");
        }
        Objects.requireNonNull(until, "until");
    }
}
