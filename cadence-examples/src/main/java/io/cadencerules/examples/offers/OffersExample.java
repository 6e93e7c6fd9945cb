package io.cadencerules.examples.offers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.Purpose;
import io.cadencerules.cadence.ReEntry;
import io.cadencerules.channel.Channel;
import io.cadencerules.channels.address.BrazilZoneResolver;
import io.cadencerules.customer.Consent;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.examples.ExampleSetup;
import io.cadencerules.engine.Proposal;
import io.cadencerules.event.CustomEvent;
import io.cadencerules.event.Event;
import io.cadencerules.policy.Budget;
import io.cadencerules.rules.RuleBook;
import io.cadencerules.rules.RulesAdvisor;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.cadencerules.cadence.Dsl.convert;
import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.cadence.Dsl.handOffToAgent;
import static io.cadencerules.cadence.Dsl.segment;
import static io.cadencerules.event.EventType.CONVERSION;

/**
 * The real-time offers example (seed 002): an inbound interaction raises an event, the rules look at the
 * customer's profile and propose offers at once, ranked by propensity × value − cost through the engine's
 * next best action; the best one is presented by the {@value #REALTIME_OFFER} régua and its acceptance is
 * recorded as the journey's conversion.
 *
 * <pre>
 *   billing address changed ({@value #ADDRESS_CHANGED})
 *     handset 24 months or older        upgrade-phone-24m   0.40 × 1,500 − 400 = 200
 *     payload fiber_available = yes     home-fiber          0.30 ×   720 −  60 = 156
 *     always                            plan-upgrade        0.15 ×   360 −  12 =  42
 *   tow truck requested ({@value #TOW_REQUESTED})
 *     no rental-car coverage            rental-car-coverage 0.55 ×   240 −  40 =  92
 *     no premium assistance             roadside-premium    0.12 ×   300 −   0 =  36
 *
 *   realtime-offer régua (day zero: enrolment with the chosen offer)
 *     +1 min      two-way SMS realtime-offer (e-mail realtime-offer-email without a phone)
 *     D+2 10:00   e-mail realtime-offer-reminder; a click hands off to the queue "offers"
 *     D+3 10:00   agent call, queue "offers", offers worth R$ 1,000 or more only
 * </pre>
 *
 * <p><b>What starts it:</b> an inbound event about the customer — a {@code CustomEvent} named
 * {@value #ADDRESS_CHANGED} (payload field {@code fiber_available}: {@code yes}/{@code no}) or
 * {@value #TOW_REQUESTED} (see {@link #addressChanged} and {@link #towRequested}). The application asks
 * {@link #present(CadenceEngine, Customer, Event)}, which calls {@code engine.offers(customer, event)} and
 * enrols the customer in the {@value #REALTIME_OFFER} régua with the best offer as a {@link Lead} (key
 * {@code offer-<event id>}, amount = the offer's value, product = the offer code). An agent screen or the
 * inbound IVR may call {@code engine.offers} alone to read the ranked offers; {@code engine.handle(event)}
 * returns them in the receipt too when the customer has a live journey.
 *
 * <p><b>The customer's answers</b> (events naming the customer and the offer's key): {@code ReplyReceived}
 * {@code SIM} or {@code QUERO} on {@code TWO_WAY_SMS} accepts (the journey ends CONVERTED, the history says
 * it was a reply); {@code AGENTE} hands off to the queue "offers"; a {@code LinkClicked} on the offer e-mail
 * accepts and one on the reminder hands off; a {@code Conversion} (the agent or the shop closed the sale)
 * accepts.
 *
 * <p>Rules: {@value #SEGMENTS_DRL} (classification: high-value offers) and {@value #ACTIONS_DRL} (actions:
 * the offers on events, the presentation by e-mail without a phone).
 */
public final class OffersExample {

    /** Id of the régua that presents the chosen offer. */
    public static final String REALTIME_OFFER = "realtime-offer";
    /** Name of the custom event raised when the customer changes the billing address. */
    public static final String ADDRESS_CHANGED = "address-changed";
    /** Name of the custom event raised when the customer asks for a tow truck. */
    public static final String TOW_REQUESTED = "tow-requested";
    /** The agent queue of interested customers. */
    public static final String OFFERS_QUEUE = "offers";
    /** Segment tag of offers worth R$ 1,000 or more: an agent follows them up. */
    public static final String HIGH_VALUE_OFFER = "high-value-offer";
    /** The per-account spend cap, in percent of the offer's value. */
    public static final String SPEND_CAP_PERCENT = "5";
    /** Classification rules (high-value offers). */
    public static final String SEGMENTS_DRL = "io/cadencerules/examples/offers/offers-segments.drl";
    /** Action rules (the offers, the presentation channel). */
    public static final String ACTIONS_DRL = "io/cadencerules/examples/offers/offers-actions.drl";

    private static final Instant CONSENT_RECORDED = Instant.parse("2025-01-02T12:00:00Z");

    private OffersExample() {
    }

    /** Every cadence of the example: the régua that presents the chosen offer. */
    public static List<Cadence> cadences() {
        return List.of(realtimeOffer());
    }

    /** The régua that presents one chosen offer and follows it up. */
    public static Cadence realtimeOffer() {
        return Cadence.sales(REALTIME_OFFER)
                .step("present").after(Duration.ofMinutes(1)).twoWaySms("realtime-offer")
                        .onReply("SIM", convert()).onReply("QUERO", convert()).onReply("AGENTE", handOffToAgent(OFFERS_QUEUE))
                        .onClick("*", convert())
                .step("reminder").at(days(2), LocalTime.of(10, 0)).email("realtime-offer-reminder")
                        .onClick("*", handOffToAgent(OFFERS_QUEUE))
                .step("agent-follow-up").at(days(3), LocalTime.of(10, 0)).agentCall(OFFERS_QUEUE).when(segment(HIGH_VALUE_OFFER))
                .exitOn(CONVERSION)
                .reEntry(ReEntry.never())
                .horizon(7)
                .build();
    }

    /** The example's rule book (both DRL files), compiled in the default mode. */
    public static RuleBook rules() {
        return rules(RuleBook.Mode.CLASSIC);
    }

    /** The example's rule book compiled in the given mode. */
    public static RuleBook rules(RuleBook.Mode mode) {
        return RuleBook.builder("offers").mode(mode).classpath(SEGMENTS_DRL, ACTIONS_DRL).build();
    }

    /**
     * The example's budget: the standard cost table and at most {@value #SPEND_CAP_PERCENT}% of an offer's
     * value spent presenting it; a contact beyond it is skipped.
     */
    public static Budget budget() {
        return Budget.builder().perAccountPercentOfValue(new BigDecimal(SPEND_CAP_PERCENT)).build();
    }

    /** Installs what the example needs, with a new {@link #budget()}: see {@link #configure(CadenceEngine.Builder, Budget)}. */
    public static void configure(CadenceEngine.Builder builder) {
        configure(builder, budget());
    }

    /**
     * Installs what the example needs besides the clock, channels and store: the Brazilian zones, the rules
     * as next-best-action advisor, classifier and eligibility stage, the contact policy with the shipped packs
     * (consent for marketing), the given budget's caps, and the cadence. Call it once per builder: it sets
     * the next-best-action advisor, the classifier and the condition evaluator, which a builder takes once.
     *
     * @param builder the engine builder
     * @param budget  the budget whose caps apply (keep it to read its spend ledger)
     */
    public static void configure(CadenceEngine.Builder builder, Budget budget) {
        RuleBook book = rules();
        BrazilZoneResolver places = ExampleSetup.install(builder, book, budget, List.of(realtimeOffer()));
        builder.nextBestAction(new RulesAdvisor(() -> book, places));
    }

    /**
     * Asks the engine for the ranked offers on an inbound event and presents the best one, when it is worth
     * making (positive expected value), by enrolling the customer in the {@value #REALTIME_OFFER} régua with
     * {@link #offerSubject}. Nothing is enrolled when no offer applies.
     *
     * @param engine  an engine configured with {@link #configure}
     * @param customer the customer the event is about
     * @param inbound  the inbound event (e.g. {@link #addressChanged}, {@link #towRequested})
     * @return the offer presented, if any
     */
    public static Optional<Proposal> present(CadenceEngine engine, Customer customer, Event inbound) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(inbound, "inbound");
        if (!customer.id().equals(inbound.customerId())) {
            throw new IllegalArgumentException("event '" + inbound.id() + "' is about customer '" + inbound.customerId()
                    + "', not '" + customer.id() + "'");
        }
        Optional<Proposal> best = engine.offers(customer, inbound).stream().findFirst()
                .filter(p -> p.expectedValue().signum() > 0);
        best.ifPresent(p -> engine.enroll(customer, offerSubject(inbound, p), realtimeOffer()));
        return best;
    }

    /** The subject of an offer's journey: a lead keyed {@code offer-<event id>}, worth the offer's value, the offer code as product. */
    public static Lead offerSubject(Event inbound, Proposal offer) {
        return new Lead(offerKey(inbound), new Money(offer.value(), Money.BRL), offer.code());
    }

    /** The subject key of the offer made on an event: {@code offer-<event id>}. */
    public static String offerKey(Event inbound) {
        return "offer-" + inbound.id();
    }

    /** The event of a changed billing address; {@code fiberAvailable} says whether the new street has fiber. */
    public static CustomEvent addressChanged(String eventId, Instant at, String customerId, boolean fiberAvailable) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("fiber_available", fiberAvailable ? "yes" : "no");
        return new CustomEvent(eventId, at, customerId, null, ADDRESS_CHANGED, payload);
    }

    /** The event of a tow truck requested by the customer. */
    public static CustomEvent towRequested(String eventId, Instant at, String customerId) {
        return new CustomEvent(eventId, at, customerId, null, TOW_REQUESTED, null);
    }

    /**
     * A customer for the example who consented to marketing on every channel.
     *
     * @param id         the customer id
     * @param phone      a Brazilian mobile number in E.164 form
     * @param state      the address state (UF), or empty
     * @param attributes the profile: {@code handset_age_months}, {@code home_internet}, {@code rental_coverage},
     *                   {@code roadside}
     */
    public static Customer sampleCustomer(String id, String phone, String state, Map<String, String> attributes) {
        Customer.Builder customer = Customer.builder(id).name("Cliente " + id).phone(phone).email(id + "@example.com.br")
                .addressState(state).attributes(attributes);
        for (Channel channel : Channel.values()) {
            customer.consent(new Consent(channel, Purpose.MARKETING, true, CONSENT_RECORDED));
        }
        return customer.build();
    }
}
