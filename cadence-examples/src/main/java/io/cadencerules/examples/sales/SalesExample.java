package io.cadencerules.examples.sales;

import io.cadencerules.cadence.Anchor;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.CadenceBuilder;
import io.cadencerules.cadence.Purpose;
import io.cadencerules.cadence.ReEntry;
import io.cadencerules.channel.Channel;
import io.cadencerules.channels.mailing.AgentMailing;
import io.cadencerules.channels.mailing.AgentMailingExport;
import io.cadencerules.customer.Consent;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.examples.ExampleSetup;
import io.cadencerules.journey.Journey;
import io.cadencerules.policy.Budget;
import io.cadencerules.rules.RuleBook;
import io.cadencerules.store.JourneyQuery;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.cadence.Dsl.handOffToAgent;
import static io.cadencerules.cadence.Dsl.stop;
import static io.cadencerules.event.EventType.CONVERSION;

/**
 * The sales example (régua de vendas): an abandoned-cart coupon by SMS then e-mail, a cross-sell or
 * upsell offer by profile, and an interest survey whose channel depends on the region of the phone's
 * DDD; only the contacts who showed interest reach the agents' list.
 *
 * <pre>
 *   abandoned-cart     (day zero: the custom event "cart-abandoned")
 *     +1 h        SMS     cart-coupon (coupon VOLTA10)
 *     D+1 10:00   e-mail  cart-coupon-email (coupon VOLTA10)
 *   upsell             (day zero: enrolment; path by profile from the rules)
 *     D+1 10:00   e-mail  cross-sell-offer, or upgrade-offer on the upsell path; a click hands off to "sales"
 *     D+4 10:00   SMS     offer-follow-up, or a call from "account-managers" on the upsell path
 *   interest-survey    (day zero: enrolment)
 *     D+1 11:00   outbound IVR interest-survey, or two-way SMS interest-survey-sms in the North and Northeast
 *     D+3 11:00   the same again, unless the lead was already handed to an agent
 *                 key 1 / reply SIM or QUERO → agent queue "sales"; key 2 / reply NAO or NÃO → stop
 * </pre>
 *
 * Every cadence exits on a {@code Conversion} (a purchase, a signed deal) and has the MARKETING purpose,
 * so the contact policy wants the customer's consent per channel (LGPD) and drops contacts outside the
 * calling hours instead of deferring them.
 *
 * <p><b>What starts each cadence</b> (the subject is always a {@link Lead}):
 * <ul>
 *   <li>{@value #ABANDONED_CART}: enrol the customer with the cart as a {@code Lead} (key = cart id,
 *       amount = cart value, product); the régua waits for a {@code CustomEvent} named
 *       {@value #CART_ABANDONED} naming the customer and the cart's key, which is day zero;</li>
 *   <li>{@value #UPSELL}: enrol the customer with a {@code Lead} for the offer (product = the product the
 *       customer has; the customer's attributes {@code plan} and {@code monthly_spend} choose the path);</li>
 *   <li>{@value #INTEREST_SURVEY}: enrol the customer with a {@code Lead} for the product surveyed; the
 *       first phone's DDD chooses the channel.</li>
 * </ul>
 *
 * <p><b>The customer's answers</b> (events naming the customer and the lead's key):
 * {@code Conversion} (a purchase: the journey ends CONVERTED); {@code LinkClicked} on the upsell e-mail
 * (hand-off to "sales"); {@code KeyPressed} {@code '1'} or {@code '2'} after the survey call;
 * {@code ReplyReceived} on {@code TWO_WAY_SMS} with {@code SIM}, {@code QUERO}, {@code NAO} or {@code NÃO}
 * after the survey SMS (a stop word such as PARAR also opts the customer out of SMS).
 *
 * <p>Rules: {@value #SEGMENTS_DRL} (classification: profile path, region by DDD) and {@value #ACTIONS_DRL}
 * (actions: the upgrade offer, the account manager's call, the survey by two-way SMS, no second survey
 * for a lead already with an agent).
 */
public final class SalesExample {

    /** Id of the abandoned-cart régua. */
    public static final String ABANDONED_CART = "abandoned-cart";
    /** Id of the cross-sell / upsell régua. */
    public static final String UPSELL = "upsell";
    /** Id of the interest survey. */
    public static final String INTEREST_SURVEY = "interest-survey";
    /** Name of the custom event that starts the abandoned-cart régua (day zero). */
    public static final String CART_ABANDONED = "cart-abandoned";
    /** The agent queue of interested leads. */
    public static final String SALES_QUEUE = "sales";
    /** The agent queue of the upsell follow-up call. */
    public static final String ACCOUNT_MANAGERS_QUEUE = "account-managers";
    /** The coupon code of the abandoned-cart messages. */
    public static final String COUPON = "VOLTA10";
    /** Classification rules (profile path, region). */
    public static final String SEGMENTS_DRL = "io/cadencerules/examples/sales/sales-segments.drl";
    /** Action rules (offer, agent, survey channel). */
    public static final String ACTIONS_DRL = "io/cadencerules/examples/sales/sales-actions.drl";

    private static final Instant CONSENT_RECORDED = Instant.parse("2025-01-02T12:00:00Z");

    private SalesExample() {
    }

    /** Every cadence of the example: abandoned cart, upsell and interest survey. */
    public static List<Cadence> cadences() {
        return List.of(abandonedCart(), upsell(), interestSurvey());
    }

    /**
     * The abandoned-cart régua: a coupon by SMS an hour after the abandonment, then by e-mail the next day at
     * 10:00 (a marketing SMS due outside the calling hours is dropped, so a cart abandoned at night still gets
     * the morning e-mail).
     */
    public static Cadence abandonedCart() {
        return Cadence.sales(ABANDONED_CART)
                .anchoredOn(Anchor.customEvent(CART_ABANDONED))
                .step("coupon-sms").after(Duration.ofHours(1)).sms("cart-coupon").with("coupon", COUPON)
                .step("coupon-email").at(days(1), LocalTime.of(10, 0)).email("cart-coupon-email").with("coupon", COUPON)
                .exitOn(CONVERSION)
                .reEntry(ReEntry.after(Duration.ofDays(30)))
                .horizon(7)
                .build();
    }

    /** The cross-sell / upsell régua; the rules pick the offer and the follow-up by profile. */
    public static Cadence upsell() {
        return Cadence.sales(UPSELL)
                .step("offer-email").at(days(1), LocalTime.of(10, 0)).email("cross-sell-offer")
                        .onClick("*", handOffToAgent(SALES_QUEUE))
                .step("offer-follow-up").at(days(4), LocalTime.of(10, 0)).sms("offer-follow-up")
                .exitOn(CONVERSION)
                .horizon(14)
                .build();
    }

    /** The interest survey: outbound IVR, or two-way SMS where the rules say so, asked twice at most. */
    public static Cadence interestSurvey() {
        CadenceBuilder survey = Cadence.sales(INTEREST_SURVEY)
                .step("survey").at(days(1), LocalTime.of(11, 0)).outboundIvr("interest-survey");
        surveyAnswers(survey);
        survey.step("survey-again").at(days(3), LocalTime.of(11, 0)).outboundIvr("interest-survey");
        surveyAnswers(survey);
        return survey.exitOn(CONVERSION).horizon(10).build();
    }

    private static void surveyAnswers(CadenceBuilder step) {
        step.onKey('1', handOffToAgent(SALES_QUEUE)).onKey('2', stop())
                .onReply("SIM", handOffToAgent(SALES_QUEUE)).onReply("QUERO", handOffToAgent(SALES_QUEUE))
                .onReply("NAO", stop()).onReply("NÃO", stop());
    }

    /** The example's rule book (both DRL files), compiled in the default mode. */
    public static RuleBook rules() {
        return rules(RuleBook.Mode.CLASSIC);
    }

    /** The example's rule book compiled in the given mode. */
    public static RuleBook rules(RuleBook.Mode mode) {
        return RuleBook.builder("sales").mode(mode).classpath(SEGMENTS_DRL, ACTIONS_DRL).build();
    }

    /**
     * The example's budget: the standard cost table and a daily cap per cadence (R$ 500 for the carts,
     * R$ 1,000 for the offers, R$ 2,000 for the survey); a contact beyond it is skipped.
     */
    public static Budget budget() {
        return Budget.builder()
                .perCadencePerDay(ABANDONED_CART, Money.brl("500.00"))
                .perCadencePerDay(UPSELL, Money.brl("1000.00"))
                .perCadencePerDay(INTEREST_SURVEY, Money.brl("2000.00"))
                .build();
    }

    /** Installs what the example needs, with a new {@link #budget()}: see {@link #configure(CadenceEngine.Builder, Budget)}. */
    public static void configure(CadenceEngine.Builder builder) {
        configure(builder, budget());
    }

    /**
     * Installs what the example needs besides the clock, channels and store: the Brazilian zones, the
     * classification and action rules, the contact policy with the shipped packs (consent for marketing),
     * the given budget's caps, and the cadences. Call it once per builder.
     *
     * @param builder the engine builder
     * @param budget  the budget whose caps apply (keep it to read its spend ledger)
     */
    public static void configure(CadenceEngine.Builder builder, Budget budget) {
        ExampleSetup.install(builder, rules(), budget, List.of(abandonedCart(), upsell(), interestSurvey()));
    }

    /**
     * The agents' list (mailing higienizado): the example's journeys in which the customer showed interest
     * (a hand-off from a key press or a reply, a positive reply, a click), without the converted, stopped,
     * opted-out ones. Phones are masked.
     *
     * @param engine    the engine the example runs on
     * @param clock     the clock that dates the export
     * @param customers finds a customer by id
     */
    public static AgentMailing agentMailing(CadenceEngine engine, InstantSource clock,
                                            Function<String, Optional<Customer>> customers) {
        List<Journey> journeys = new ArrayList<>();
        for (Cadence cadence : cadences()) {
            journeys.addAll(engine.journeys(JourneyQuery.byCadence(cadence.id())));
        }
        return AgentMailingExport.builder(clock).build().export(journeys, customers);
    }

    /**
     * A customer for the example who consented to marketing on every channel.
     *
     * @param id         the customer id
     * @param phone      a Brazilian mobile number in E.164 form; its DDD gives the region
     * @param state      the address state (UF), or empty
     * @param attributes free attributes, e.g. {@code plan=premium}, {@code monthly_spend=350}
     */
    public static Customer sampleCustomer(String id, String phone, String state, Map<String, String> attributes) {
        Customer.Builder customer = Customer.builder(id).name("Cliente " + id).phone(phone).email(id + "@example.com.br")
                .addressState(state).attributes(attributes);
        for (Channel channel : Channel.values()) {
            customer.consent(new Consent(channel, Purpose.MARKETING, true, CONSENT_RECORDED));
        }
        return customer.build();
    }

    /** A lead (a cart, an offer, a surveyed product) worth {@code amount} reais. */
    public static Lead sampleLead(String key, String amount, String product) {
        return new Lead(key, Money.brl(amount), product);
    }
}
