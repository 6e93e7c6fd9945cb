package io.cadencerules.examples.collection;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.examples.ExampleSetup;
import io.cadencerules.policy.Budget;
import io.cadencerules.rules.RuleBook;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.cadence.Dsl.goTo;
import static io.cadencerules.cadence.Dsl.handOffToAgent;
import static io.cadencerules.cadence.Dsl.segment;
import static io.cadencerules.event.EventType.PAYMENT_RECEIVED;
import static io.cadencerules.event.EventType.PROMISE_TO_PAY;

/**
 * The collection example (régua de cobrança): prevention before the due date, collection after it,
 * an outbound IVR that offers negotiation with an agent, an agent call for high balances only, a spend
 * cap of {@value #SPEND_CAP_PERCENT}% of the debt per account, stop on payment, pause on a promise to pay.
 *
 * <pre>
 *   D-5  10:00  e-mail        prevention-reminder
 *   D-1  10:00  SMS           due-tomorrow
 *   D+1  10:00  SMS           overdue-notice (soft path: overdue-notice-friendly); e-mail fallback
 *   D+3  10:00  voice blast   late-notice (skipped for small balances)
 *   D+5  10:00  outbound IVR  negotiate: key 1 → agent queue "negotiation", key 2 → the Pix code by SMS
 *   D+10 10:00  agent call    queue "collections", segment "high-balance" only, not after an IVR hand-off
 *   reaction    SMS           pix-code, on the custom event "pix-requested" (or key 2)
 * </pre>
 *
 * Times are the customer's local time (the zone comes from the address state, else the phone's DDD).
 *
 * <p><b>What starts it:</b> enrolling a customer with a {@link Debt} in {@link #billCollection()}
 * ({@code engine.enroll(customer, debt, cadence)}); day zero is the debt's due date, so enrol at least
 * five days before it for the prevention e-mail to go out.
 *
 * <p><b>The customer's answers</b> (events naming the customer and the debt's key):
 * <ul>
 *   <li>{@code PaymentReceived} with {@code full = true}: the journey ends CONVERTED, nothing more is
 *       sent; a partial payment is only recorded;</li>
 *   <li>{@code PromiseToPay}: the journey pauses until the end of the promised date; if no payment came
 *       by then (a broken promise) it resumes, the rest of the régua delayed by the days it was paused;</li>
 *   <li>{@code KeyPressed} after the D+5 IVR call: {@code '1'} hands the customer to the agent queue
 *       {@value #NEGOTIATION_QUEUE} at once, {@code '2'} sends the Pix code by SMS;</li>
 *   <li>{@code CustomEvent} named {@value #PIX_REQUESTED} (e.g. from the website): sends the Pix code.</li>
 * </ul>
 *
 * <p>Rules: {@value #SEGMENTS_DRL} (classification: high balance, small balance, soft or hard path) and
 * {@value #ACTIONS_DRL} (actions: skip the voice blast for small balances, the friendly template on the
 * soft path, e-mail instead of SMS without a phone, no planned agent call after a hand-off).
 */
public final class CollectionExample {

    /** The cadence id. */
    public static final String ID = "bill-collection";
    /** Segment tag (from the classification rules) of debts of R$ 1,000 or more: they get the D+10 agent call. */
    public static final String HIGH_BALANCE = "high-balance";
    /** Segment tag of debts under R$ 100: no voice blast. */
    public static final String SMALL_BALANCE = "small-balance";
    /** The agent queue of the IVR's "press 1 to negotiate". */
    public static final String NEGOTIATION_QUEUE = "negotiation";
    /** The agent queue of the planned D+10 call. */
    public static final String COLLECTIONS_QUEUE = "collections";
    /** Name of the custom event that asks for the Pix code. */
    public static final String PIX_REQUESTED = "pix-requested";
    /** The per-account spend cap, in percent of the debt. */
    public static final String SPEND_CAP_PERCENT = "3";
    /** Classification rules (segments, treatment path). */
    public static final String SEGMENTS_DRL = "io/cadencerules/examples/collection/collection-segments.drl";
    /** Action rules (skip, channel and template choice). */
    public static final String ACTIONS_DRL = "io/cadencerules/examples/collection/collection-actions.drl";

    private static final LocalTime TEN = LocalTime.of(10, 0);

    private CollectionExample() {
    }

    /** Every cadence of the example: the bill-collection régua. */
    public static List<Cadence> cadences() {
        return List.of(billCollection());
    }

    /** The bill-collection régua, anchored on the debt's due date. */
    public static Cadence billCollection() {
        return Cadence.collection(ID)
                .step("d-5-email").at(days(-5), TEN).email("prevention-reminder")
                .step("d-1-sms").at(days(-1), TEN).sms("due-tomorrow")
                .step("d+1-sms").at(days(1), TEN).sms("overdue-notice").fallbackTo(Channel.EMAIL, "overdue-notice-email")
                .step("d+3-voice").at(days(3), TEN).voiceBlast("late-notice")
                .step("d+5-ivr").at(days(5), TEN).outboundIvr("negotiate")
                        .onKey('1', handOffToAgent(NEGOTIATION_QUEUE)).onKey('2', goTo("pix-code"))
                .step("d+10-agent").at(days(10), TEN).agentCall(COLLECTIONS_QUEUE).when(segment(HIGH_BALANCE))
                .step("pix-code").onCustom(PIX_REQUESTED).sms("pix-code")
                .exitOn(PAYMENT_RECEIVED)
                .pauseOn(PROMISE_TO_PAY)
                .build();
    }

    /**
     * The challenger of the demo's champion/challenger run: version 2 of the régua, shorter and cheaper. A
     * WhatsApp reminder at D-3 (SMS when WhatsApp is not allowed), the overdue SMS at D+1, the negotiation
     * IVR already at D+3 (no voice blast), and the agent call for high balances at D+7.
     */
    public static Cadence billCollectionV2() {
        return Cadence.collection(ID).version(2)
                .step("d-3-whatsapp").at(days(-3), TEN).whatsapp("prevention-reminder").fallbackTo(Channel.SMS, "due-soon")
                .step("d+1-sms").at(days(1), TEN).sms("overdue-notice").fallbackTo(Channel.EMAIL, "overdue-notice-email")
                .step("d+3-ivr").at(days(3), TEN).outboundIvr("negotiate")
                        .onKey('1', handOffToAgent(NEGOTIATION_QUEUE)).onKey('2', goTo("pix-code"))
                .step("d+7-agent").at(days(7), TEN).agentCall(COLLECTIONS_QUEUE).when(segment(HIGH_BALANCE))
                .step("pix-code").onCustom(PIX_REQUESTED).sms("pix-code")
                .exitOn(PAYMENT_RECEIVED)
                .pauseOn(PROMISE_TO_PAY)
                .build();
    }

    /** The example's rule book (both DRL files), compiled in the default mode. */
    public static RuleBook rules() {
        return rules(RuleBook.Mode.CLASSIC);
    }

    /** The example's rule book compiled in the given mode. */
    public static RuleBook rules(RuleBook.Mode mode) {
        return RuleBook.builder(ID).mode(mode).classpath(SEGMENTS_DRL, ACTIONS_DRL).build();
    }

    /**
     * The example's budget: the standard cost table and at most {@value #SPEND_CAP_PERCENT}% of the debt
     * spent per account; a contact that would pass it is skipped and the journey goes on.
     */
    public static Budget budget() {
        return Budget.builder()
                .perAccountPercentOfValue(new BigDecimal(SPEND_CAP_PERCENT))
                .onExhaustion(ID, Budget.Exhaustion.SKIP_STEP)
                .build();
    }

    /**
     * Installs what the example needs besides the clock, channels and store, with a new {@link #budget()}:
     * see {@link #configure(CadenceEngine.Builder, Budget)}.
     */
    public static void configure(CadenceEngine.Builder builder) {
        configure(builder, budget());
    }

    /**
     * Installs what the example needs besides the clock, channels and store: the Brazilian zones (address
     * state, else DDD), the classification and action rules, the contact policy with the shipped packs, the
     * given budget's caps, and the cadence. Call it once per builder: it sets the classifier and the
     * condition evaluator, which a builder takes once.
     *
     * @param builder the engine builder
     * @param budget  the budget whose caps apply (keep it to read its spend ledger)
     */
    public static void configure(CadenceEngine.Builder builder, Budget budget) {
        ExampleSetup.install(builder, rules(), budget, List.of(billCollection()));
    }

    /**
     * A customer for the example: a name, a mobile phone (whose DDD places them when no state is given),
     * an e-mail and an address state.
     *
     * @param id    the customer id
     * @param phone a Brazilian mobile number in E.164 form, e.g. {@code +5511987654321}
     * @param state the address state (UF), e.g. {@code "SP"}, or empty
     */
    public static Customer sampleCustomer(String id, String phone, String state) {
        return Customer.builder(id).name("Cliente " + id).phone(phone).email(id + "@example.com.br")
                .addressState(state).build();
    }

    /** A card bill of {@code amount} reais due on {@code due}. */
    public static Debt sampleDebt(String key, String amount, LocalDate due) {
        return new Debt(key, Money.brl(amount), due, "card");
    }
}
