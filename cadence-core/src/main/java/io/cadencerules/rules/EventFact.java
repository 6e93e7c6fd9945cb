package io.cadencerules.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Customer;
import io.cadencerules.event.CallOutcome;
import io.cadencerules.event.CustomEvent;
import io.cadencerules.event.Event;
import io.cadencerules.event.EventType;
import io.cadencerules.event.InboundContact;
import io.cadencerules.event.KeyPressed;
import io.cadencerules.event.PaymentReceived;
import io.cadencerules.event.ReplyReceived;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The event being handled, as rules see it: its type, a custom event's name and payload fields, the
 * channel, reply text, key, payment amount; the customer; the journey it concerns, if any; now.
 *
 * <pre>
 * rule "Tow truck for a customer without rental coverage: offer rental coverage"
 * when
 *     $e : EventFact( name == "tow-requested", customer.attribute("rental_coverage") != "yes" )
 * then
 *     insert(new Offer($e, "rental-car-coverage", 0.5, new BigDecimal("180"), new BigDecimal("30")));
 * end
 * </pre>
 */
public final class EventFact {

    private final Event event;
    private final CustomerFact customer;
    private final JourneyFact journey;
    private final NowFact now;

    /** The event for a customer, about a journey (or null), as of {@code now}. */
    public EventFact(Event event, Customer customer, JourneyFact journey, Instant now, ZoneId zone) {
        this.event = event;
        this.customer = new CustomerFact(customer);
        this.journey = journey;
        this.now = new NowFact(now, zone);
    }

    public Event getEvent() {
        return event;
    }

    public EventType getType() {
        return event.type();
    }

    /** A custom event's name, else empty. */
    public String getName() {
        return event instanceof CustomEvent custom ? custom.name() : "";
    }

    /** A field of a custom event's JSON payload as text ("" when absent). */
    public String field(String name) {
        if (event instanceof CustomEvent custom) {
            JsonNode node = custom.payload().get(name);
            return node == null || node.isNull() ? "" : node.asText();
        }
        return "";
    }

    /** The channel of a reply, inbound contact or call outcome, else null. */
    public Channel getChannel() {
        if (event instanceof ReplyReceived r) {
            return r.channel();
        } else if (event instanceof InboundContact i) {
            return i.channel();
        }
        return event instanceof CallOutcome c ? c.channel() : null;
    }

    /** A reply's text, else empty. */
    public String getText() {
        return event instanceof ReplyReceived r ? r.text() : "";
    }

    /** A pressed key as text, else empty. */
    public String getKey() {
        return event instanceof KeyPressed k ? String.valueOf(k.digit()) : "";
    }

    /** A payment's amount, else zero. */
    public BigDecimal getAmount() {
        return event instanceof PaymentReceived p ? p.amount().amount() : BigDecimal.ZERO;
    }

    public CustomerFact getCustomer() {
        return customer;
    }

    /** The journey the event concerns, or null (an inbound contact outside any cadence). */
    public JourneyFact getJourney() {
        return journey;
    }

    public NowFact getNow() {
        return now;
    }

    @Override
    public String toString() {
        return "EventFact " + event.type() + (getName().isEmpty() ? "" : " " + getName()) + " " + event.id();
    }

    /** Whether the journey fact is present (for rules: {@code hasJourney == true}). */
    public boolean isHasJourney() {
        return journey != null;
    }
}
