package io.cadencerules.channels.callback;

import io.cadencerules.event.Event;

import java.util.List;

/**
 * What a provider callback body turned into: the events that were valid, and a problem for each
 * callback that was not (a bad callback does not spoil the others of a batch).
 *
 * @param events   typed events, in input order, for {@code CadenceEngine.handle}
 * @param problems one or more per rejected callback, each naming a JSON path
 */
public record CallbackBatch(List<Event> events, List<CallbackProblem> problems) {

    /** Copies the lists. */
    public CallbackBatch {
        events = List.copyOf(events == null ? List.of() : events);
        problems = List.copyOf(problems == null ? List.of() : problems);
    }

    /** True when every callback became an event. */
    public boolean isClean() {
        return problems.isEmpty();
    }
}
