package io.cadencerules.engine;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.customer.Customer;
import io.cadencerules.event.Event;
import io.cadencerules.journey.Journey;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Sees events before the journeys do: what a contact policy uses to record opt-outs, cease
 * requests and conversations, and to end or pause journeys whatever their cadence says.
 * Register with {@code CadenceEngine.builder().watcher(..)}.
 */
public interface EventWatcher {

    /**
     * True when this watcher takes the event into account even if no journey does (an opt-out from
     * a customer with no live journey is then recorded instead of rejected). Must be cheap and pure.
     */
    boolean wants(Event event);

    /**
     * Records a new (not duplicate) event that it {@link #wants}; called once, before the journeys see it.
     *
     * @param event    the event
     * @param customer the stored customer it is about, when there is one
     * @param now      the engine's clock
     */
    void observe(Event event, Optional<Customer> customer, Instant now);

    /**
     * What the event means for one of the customer's live journeys beyond its cadence's own exit and
     * pause events. Asked for every live journey of the customer, whatever the event's subject (a
     * cease request ends every collection journey of the person). Default: nothing.
     *
     * @return a directive, or null
     */
    default Directive directive(Event event, Journey journey, Cadence cadence) {
        return null;
    }

    /**
     * End or pause a journey because of an event.
     *
     * @param action what to do
     * @param reason the reason code recorded
     * @param detail what caused it, recorded
     */
    record Directive(Action action, String reason, String detail) {
        public Directive {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail;
        }

        /** What a directive does to the journey. */
        public enum Action {
            /** End it as EXITED. */
            EXIT,
            /** End it as SUPPRESSED (it may not be contacted any more). */
            SUPPRESS,
            /** Pause it until resumed by hand ({@code engine.resume}); it completes at its horizon otherwise. */
            PAUSE
        }
    }
}
