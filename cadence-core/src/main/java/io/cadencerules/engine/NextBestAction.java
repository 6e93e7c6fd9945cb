package io.cadencerules.engine;

import io.cadencerules.customer.Customer;
import io.cadencerules.event.Event;
import io.cadencerules.journey.Journey;

import java.time.Instant;
import java.util.List;

/**
 * The third decision point: on an event (an inbound contact, an address change, a tow truck
 * request), what to offer the customer right now. The rules module provides one backed by DRL.
 */
@FunctionalInterface
public interface NextBestAction {

    /**
     * Proposals for the customer after the event, in any order (the engine ranks them).
     *
     * @param journeys the customer's live journeys the event concerned (may be empty)
     */
    List<Proposal> propose(Customer customer, Event event, List<Journey> journeys, Instant now);
}
