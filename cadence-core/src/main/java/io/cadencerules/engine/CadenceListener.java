package io.cadencerules.engine;

import io.cadencerules.event.Rejection;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;

/**
 * Receives what the engine does, after it is stored: every history entry (decisions, outcomes,
 * status changes) and every rejected input. Listeners run on the engine's thread and must be quick;
 * an exception from a listener is logged and ignored.
 */
public interface CadenceListener {

    /** A history entry was recorded for the journey (the journey is the stored version). */
    default void onEntry(Journey journey, HistoryEntry entry) {
    }

    /** An input was rejected. */
    default void onRejected(Rejection rejection) {
    }
}
