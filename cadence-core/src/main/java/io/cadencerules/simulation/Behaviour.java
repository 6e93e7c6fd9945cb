package io.cadencerules.simulation;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The response model of a simulation: how a simulated person answers one contact. Implementations
 * draw only from the given random source, so a run is repeatable for a seed. {@link BehaviourTable}
 * is the data-driven one the library ships.
 */
@FunctionalInterface
public interface Behaviour {

    /**
     * What the person does after this contact, in any order (the simulation sorts by time). An empty
     * list means nothing at all happened, not even a delivery report.
     */
    List<Outcome> react(Exposure exposure, SplittableRandom random);
}
