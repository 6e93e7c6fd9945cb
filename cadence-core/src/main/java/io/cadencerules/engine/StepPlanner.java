package io.cadencerules.engine;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.customer.Customer;
import io.cadencerules.journey.Journey;

import java.time.Instant;
import java.util.Optional;

/**
 * Decides the timed sequence of a planned cadence (one whose steps are {@code planned()}): given the
 * journey so far, which step comes next and when. A régua written in DRL is a planner backed by
 * rules; see {@code io.cadencerules.rules.RulesPlanner}.
 */
@FunctionalInterface
public interface StepPlanner {

    /** The next step, or empty when the cadence has nothing more to send (the journey then waits for its horizon). */
    Optional<PlannedStep> next(Journey journey, Cadence cadence, Customer customer, Instant now);
}
