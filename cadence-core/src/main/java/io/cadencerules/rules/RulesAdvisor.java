package io.cadencerules.rules;

import io.cadencerules.customer.Customer;
import io.cadencerules.engine.NextBestAction;
import io.cadencerules.engine.Proposal;
import io.cadencerules.engine.ZoneResolver;
import io.cadencerules.event.Event;
import io.cadencerules.journey.Journey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The third decision point backed by DRL: rules see an {@link EventFact} and insert {@link Offer}s;
 * the engine ranks them by propensity × value − cost and returns them in the event's receipt.
 */
public final class RulesAdvisor implements NextBestAction {

    private final Supplier<RuleBook> book;
    private final ZoneResolver zones;

    /**
     * @param book  the rule book at each event (a {@link ReloadingRuleBook} works)
     * @param zones the customer's zone for the event's local time
     */
    public RulesAdvisor(Supplier<RuleBook> book, ZoneResolver zones) {
        this.book = Objects.requireNonNull(book, "book");
        this.zones = Objects.requireNonNull(zones, "zones");
    }

    @Override
    public List<Proposal> propose(Customer customer, Event event, List<Journey> journeys, Instant now) {
        EventFact fact = new EventFact(event, customer, null, now, zones.zoneOf(customer));
        Evaluation evaluation = book.get().evaluate(List.of(fact));
        List<Proposal> proposals = new ArrayList<>();
        for (Offer offer : evaluation.about(fact, Offer.class)) {
            proposals.add(new Proposal(offer.getCode(), offer.getPropensity(), offer.getValue(), offer.getCost(),
                    offer.getChannel(), offer.getTemplate(), "rule '" + offer.rule() + "'"));
        }
        return proposals;
    }
}
