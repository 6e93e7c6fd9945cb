package io.cadencerules.simulation;

import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.event.Event;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link Simulation} run leaves: the report, the engine (to query journeys and histories), and,
 * when the simulation was asked to record them, every dispatch and every event it sent, in order.
 *
 * @param report       the report (deterministic for a seed)
 * @param engine       the engine the run used, with its store
 * @param dispatches   the contacts made, or empty unless recording was on
 * @param events       the events the simulated people sent, or empty unless recording was on
 * @param elapsedNanos wall time of the run (not part of the report)
 */
public record SimulationResult(SimulationReport report, CadenceEngine engine, List<Dispatch> dispatches, List<Event> events,
                               long elapsedNanos) {
    public SimulationResult {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(engine, "engine");
        dispatches = List.copyOf(dispatches);
        events = List.copyOf(events);
    }
}
