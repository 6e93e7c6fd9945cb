package io.cadencerules.store;

import io.cadencerules.channel.DispatchResult;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine writes at the end of a claimed batch (or of one journey's transition), in one
 * go: the adapters' answers, the journeys, and the end of its leases. A store that keeps an outbox
 * writes it all in one transaction ({@link JourneyStore#writeBack}).
 *
 * @param owner     the engine instance writing (the owner of the leases)
 * @param journeys  journey writes, each a compare-and-set as {@link JourneyStore#replace}, in order
 *                  (a journey may appear more than once, e.g. versions 2 and 3)
 * @param results   the answers of the adapters to contacts begun with {@link JourneyStore#beginDispatches}
 * @param unoffered contacts begun but in the end not offered (a stage refused at the last moment, the
 *                  journey changed), with the state each had before it was begun (null: it was new)
 * @param release   journeys whose lease ends (after the writes)
 */
public record WriteBack(String owner, List<Journey> journeys, Map<DispatchIntent, DispatchResult> results,
                        Map<DispatchIntent, PriorDispatch.State> unoffered, List<JourneyId> release) {
    public WriteBack {
        Objects.requireNonNull(owner, "owner");
        journeys = List.copyOf(journeys);
        results = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(results));
        unoffered = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unoffered));
        release = List.copyOf(release);
    }
}
