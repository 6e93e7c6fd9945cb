package io.cadencerules.simulation;

import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Money;

import java.time.Instant;
import java.util.Objects;

/**
 * A contact the engine made during a simulation, as the channel adapter received it.
 *
 * @param at      engine time of the dispatch
 * @param request what was asked
 * @param cost    what the simulated provider charged
 * @param variant the person's variant index (0 = champion)
 */
public record Dispatch(Instant at, ContactRequest request, Money cost, int variant) {
    public Dispatch {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(cost, "cost");
    }
}
