package io.cadencerules.examples.relationship;

import io.cadencerules.cadence.Anchor;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.CadenceBuilder;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Appointment;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.GenericSubject;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.examples.ExampleSetup;
import io.cadencerules.policy.Budget;
import io.cadencerules.rules.RuleBook;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static io.cadencerules.cadence.Dsl.convert;
import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.cadence.Dsl.goTo;
import static io.cadencerules.cadence.Dsl.handOffToAgent;
import static io.cadencerules.cadence.Dsl.segment;
import static io.cadencerules.event.EventType.CONVERSION;
import static io.cadencerules.event.EventType.INBOUND_CONTACT;

/**
 * The relationship example (régua de relacionamento): seven transactional réguas.
 *
 * <table>
 *   <caption>The seven réguas, what starts each one, and the customer's answers</caption>
 *   <tr><th>cadence</th><th>starts with</th><th>contacts</th><th>answers</th></tr>
 *   <tr><td>{@value #AFTER_INBOUND}</td>
 *       <td>enrolment with a {@code GenericSubject} (see {@link #relationshipSubject}); day zero is the next
 *           {@code InboundContact} of the customer</td>
 *       <td>+30 min SMS after-inbound-thanks (e-mail fallback); D+1 10:00 two-way SMS was-it-solved (VIP: a
 *           call from "customer-care" instead)</td>
 *       <td>reply {@code SIM} → converted; {@code NAO}/{@code NÃO} → agent queue "customer-care"</td></tr>
 *   <tr><td>{@value #THANK_YOU}</td>
 *       <td>enrolment with the subject of the customer's action (a {@code Lead}, a {@code GenericSubject});
 *           day zero is the {@code Conversion} event naming that subject (a purchase, a signature)</td>
 *       <td>+10 min e-mail thank-you (SMS fallback); D+3 10:00 e-mail review-request</td>
 *       <td>{@code LinkClicked} on the review request → converted</td></tr>
 *   <tr><td>{@value #APPOINTMENT_REMINDER}</td>
 *       <td>enrolment with an {@code Appointment}; day zero is its date</td>
 *       <td>D-2 and D-1 10:00 two-way SMS; on {@code REMARCAR} (or the custom event
 *           {@value #RESCHEDULE_REQUESTED}) an e-mail reschedule-options with the free slots as links</td>
 *       <td>reply {@code SIM} → converted (confirmed); reply {@code REMARCAR} → the options; a
 *           {@code LinkClicked} on a slot → converted (the application books the slot and enrols the new
 *           appointment)</td></tr>
 *   <tr><td>{@value #NPS_SURVEY}</td>
 *       <td>enrolment with a {@code GenericSubject} for the service; day zero is the {@code CustomEvent}
 *           named {@value #SERVICE_COMPLETED}</td>
 *       <td>+2 h two-way SMS nps-question; D+2 10:00 two-way SMS nps-reminder unless answered; a promoter
 *           gets the e-mail review-invite</td>
 *       <td>reply {@code 0}–{@code 10}: 0–6 (detractor) → agent queue "customer-care", 7–8 recorded,
 *           9–10 (promoter) → review-invite</td></tr>
 *   <tr><td>{@value #COMMEMORATIVE_DATE}</td>
 *       <td>enrolment with a {@code GenericSubject} of kind {@code birthday} or {@code customer-day} whose
 *           date is the day (see {@link #occasion})</td>
 *       <td>day 09:00 e-mail greeting (birthday-greeting / customer-day-greeting; SMS fallback); VIP: 10:00
 *           SMS commemorative-gift with a coupon</td>
 *       <td>none needed</td></tr>
 *   <tr><td>{@value #REGISTRATION_CONFIRMATION}</td>
 *       <td>enrolment with a {@code GenericSubject} of kind {@code registration}</td>
 *       <td>+1 min e-mail confirm-registration; D+1 10:00 two-way SMS; D+3 10:00 e-mail reminder</td>
 *       <td>{@code LinkClicked} on the confirmation link, reply {@code SIM}, or a {@code Conversion}
 *           (confirmed elsewhere) → converted</td></tr>
 *   <tr><td>{@value #ACCOUNT_CHANGE}</td>
 *       <td>enrolment with a {@code GenericSubject} of kind {@code plan-change} or
 *           {@code payment-date-change} (see {@link #change})</td>
 *       <td>+5 min e-mail confirmation (plan-change-confirmation / payment-date-change-confirmation; SMS
 *           fallback); D+7 10:00 two-way SMS account-change-check</td>
 *       <td>reply {@code AJUDA} → agent queue "customer-care"</td></tr>
 * </table>
 *
 * <p>All are TRANSACTIONAL: the contact policy defers contacts outside the calling hours (no consent
 * needed), and a stop word (PARAR, SAIR…) opts the customer out of the channel it came on. Rules:
 * {@value #SEGMENTS_DRL} (classification: VIP, occasion, kind of change) and {@value #ACTIONS_DRL}
 * (actions: the VIP call, greeting and confirmation templates, no NPS reminder once answered).
 */
public final class RelationshipExample {

    /** First action after an inbound contact. */
    public static final String AFTER_INBOUND = "after-inbound";
    /** Thank-you after a customer's action. */
    public static final String THANK_YOU = "thank-you";
    /** Appointment reminder with rescheduling by reply. */
    public static final String APPOINTMENT_REMINDER = "appointment-reminder";
    /** Satisfaction survey (NPS). */
    public static final String NPS_SURVEY = "nps-survey";
    /** Commemorative date per segment. */
    public static final String COMMEMORATIVE_DATE = "commemorative-date";
    /** Registration confirmation. */
    public static final String REGISTRATION_CONFIRMATION = "registration-confirmation";
    /** Plan or payment-date change. */
    public static final String ACCOUNT_CHANGE = "account-change";
    /** Name of the custom event that starts the NPS survey (day zero). */
    public static final String SERVICE_COMPLETED = "service-completed";
    /** Name of the custom event that sends the reschedule options (also reached by the reply REMARCAR). */
    public static final String RESCHEDULE_REQUESTED = "reschedule-requested";
    /** The agent queue of customer care. */
    public static final String CUSTOMER_CARE_QUEUE = "customer-care";
    /** Segment tag of customers with a lifetime value of R$ 10,000 or more (attribute {@code lifetime_value}). */
    public static final String VIP = "vip";
    /** Classification rules (VIP, occasion, kind of change). */
    public static final String SEGMENTS_DRL = "io/cadencerules/examples/relationship/relationship-segments.drl";
    /** Action rules (VIP call, templates, survey reminder). */
    public static final String ACTIONS_DRL = "io/cadencerules/examples/relationship/relationship-actions.drl";

    private static final LocalTime TEN = LocalTime.of(10, 0);

    private RelationshipExample() {
    }

    /** Every cadence of the example, the seven réguas. */
    public static List<Cadence> cadences() {
        return List.of(afterInbound(), thankYou(), appointmentReminder(), npsSurvey(), commemorativeDate(),
                registrationConfirmation(), accountChange());
    }

    /** First action after an inbound contact: a thank-you 30 minutes later, and the next day "was it solved?". */
    public static Cadence afterInbound() {
        return Cadence.relationship(AFTER_INBOUND)
                .anchoredOn(Anchor.event(INBOUND_CONTACT))
                .step("first-action").after(Duration.ofMinutes(30)).sms("after-inbound-thanks")
                        .fallbackTo(Channel.EMAIL, "after-inbound-thanks-email")
                .step("check-resolved").at(days(1), TEN).twoWaySms("was-it-solved")
                        .onReply("SIM", convert())
                        .onReply("NAO", handOffToAgent(CUSTOMER_CARE_QUEUE)).onReply("NÃO", handOffToAgent(CUSTOMER_CARE_QUEUE))
                .horizon(5)
                .build();
    }

    /** Thank-you after the customer's action (a conversion), then a review request. */
    public static Cadence thankYou() {
        return Cadence.relationship(THANK_YOU)
                .anchoredOn(Anchor.event(CONVERSION))
                .step("thank-you").after(Duration.ofMinutes(10)).email("thank-you").fallbackTo(Channel.SMS, "thank-you-sms")
                .step("review-request").at(days(3), TEN).email("review-request").onClick("*", convert())
                .horizon(10)
                .build();
    }

    /** Appointment reminder two days and one day before, with confirmation and rescheduling by reply. */
    public static Cadence appointmentReminder() {
        CadenceBuilder regua = Cadence.relationship(APPOINTMENT_REMINDER).anchoredOn(Anchor.DUE_DATE);
        regua.step("d-2-reminder").at(days(-2), TEN).twoWaySms("appointment-reminder");
        appointmentAnswers(regua);
        regua.step("d-1-reminder").at(days(-1), TEN).twoWaySms("appointment-tomorrow");
        appointmentAnswers(regua);
        return regua.step("reschedule-options").onCustom(RESCHEDULE_REQUESTED).email("reschedule-options")
                        .onClick("*", convert())
                .horizon(2)
                .build();
    }

    private static void appointmentAnswers(CadenceBuilder step) {
        step.onReply("SIM", convert()).onReply("REMARCAR", goTo("reschedule-options"));
    }

    /** The satisfaction survey (NPS) two hours after the service, a reminder two days later if unanswered. */
    public static Cadence npsSurvey() {
        CadenceBuilder survey = Cadence.relationship(NPS_SURVEY).anchoredOn(Anchor.customEvent(SERVICE_COMPLETED));
        survey.step("nps").after(Duration.ofHours(2)).twoWaySms("nps-question");
        npsAnswers(survey);
        survey.step("nps-reminder").at(days(2), TEN).twoWaySms("nps-reminder");
        npsAnswers(survey);
        return survey.step("review-invite").onCustom("review-invite").email("review-invite")
                .horizon(5)
                .build();
    }

    private static void npsAnswers(CadenceBuilder step) {
        for (int score = 0; score <= 6; score++) {
            step.onReply(Integer.toString(score), handOffToAgent(CUSTOMER_CARE_QUEUE));
        }
        step.onReply("9", goTo("review-invite")).onReply("10", goTo("review-invite"));
    }

    /** A greeting on the customer's commemorative date; VIP customers also get a gift coupon. */
    public static Cadence commemorativeDate() {
        return Cadence.relationship(COMMEMORATIVE_DATE)
                .anchoredOn(Anchor.DUE_DATE)
                .step("greeting").at(days(0), LocalTime.of(9, 0)).email("commemorative-greeting")
                        .fallbackTo(Channel.SMS, "commemorative-greeting-sms")
                .step("vip-gift").at(days(0), TEN).sms("commemorative-gift").with("coupon", "PRESENTE15").when(segment(VIP))
                .horizon(3)
                .build();
    }

    /** Registration confirmation: e-mail at once, two-way SMS the next day, a last e-mail on day 3. */
    public static Cadence registrationConfirmation() {
        return Cadence.relationship(REGISTRATION_CONFIRMATION)
                .step("confirm-email").after(Duration.ofMinutes(1)).email("confirm-registration").onClick("*", convert())
                .step("confirm-sms").at(days(1), TEN).twoWaySms("confirm-registration-sms")
                        .onReply("SIM", convert()).onClick("*", convert())
                .step("confirm-reminder").at(days(3), TEN).email("confirm-registration-reminder").onClick("*", convert())
                .exitOn(CONVERSION)
                .horizon(7)
                .build();
    }

    /** A plan or payment-date change: the confirmation at once, a check a week later with help on request. */
    public static Cadence accountChange() {
        return Cadence.relationship(ACCOUNT_CHANGE)
                .step("change-confirmation").after(Duration.ofMinutes(5)).email("plan-change-confirmation")
                        .fallbackTo(Channel.SMS, "account-change-sms")
                .step("change-check").at(days(7), TEN).twoWaySms("account-change-check")
                        .onReply("AJUDA", handOffToAgent(CUSTOMER_CARE_QUEUE))
                .horizon(10)
                .build();
    }

    /** The example's rule book (both DRL files), compiled in the default mode. */
    public static RuleBook rules() {
        return rules(RuleBook.Mode.CLASSIC);
    }

    /** The example's rule book compiled in the given mode. */
    public static RuleBook rules(RuleBook.Mode mode) {
        return RuleBook.builder("relationship").mode(mode).classpath(SEGMENTS_DRL, ACTIONS_DRL).build();
    }

    /**
     * The example's budget: the standard cost table and at most R$ 2,000 a day over all relationship
     * réguas (their subjects have no value to take a percentage of); a contact beyond it is skipped.
     */
    public static Budget budget() {
        return Budget.builder().globalPerDay(Money.brl("2000.00")).build();
    }

    /** Installs what the example needs, with a new {@link #budget()}: see {@link #configure(CadenceEngine.Builder, Budget)}. */
    public static void configure(CadenceEngine.Builder builder) {
        configure(builder, budget());
    }

    /**
     * Installs what the example needs besides the clock, channels and store: the Brazilian zones, the
     * classification and action rules, the contact policy with the shipped packs, the given budget's caps,
     * and the seven cadences. Call it once per builder.
     *
     * @param builder the engine builder
     * @param budget  the budget whose caps apply (keep it to read its spend ledger)
     */
    public static void configure(CadenceEngine.Builder builder, Budget budget) {
        ExampleSetup.install(builder, rules(), budget, cadences());
    }

    /**
     * A customer for the example.
     *
     * @param id            the customer id
     * @param phone         a Brazilian mobile number in E.164 form
     * @param state         the address state (UF), or empty
     * @param lifetimeValue the customer's lifetime value in reais (R$ 10,000 or more is VIP)
     */
    public static Customer sampleCustomer(String id, String phone, String state, int lifetimeValue) {
        return Customer.builder(id).name("Cliente " + id).phone(phone).email(id + "@example.com.br").addressState(state)
                .attribute("lifetime_value", Integer.toString(lifetimeValue)).build();
    }

    /** The subject of the customer's relationship réguas that have no subject of their own ({@value #AFTER_INBOUND}). */
    public static GenericSubject relationshipSubject(String customerId) {
        return new GenericSubject("relationship-" + customerId, "relationship", null, null, Map.of());
    }

    /** A commemorative date: {@code kind} is {@code birthday} or {@code customer-day}. */
    public static GenericSubject occasion(String key, String kind, LocalDate date) {
        return new GenericSubject(key, kind, date, null, Map.of());
    }

    /** A registration to confirm. */
    public static GenericSubject registration(String key) {
        return new GenericSubject(key, "registration", null, null, Map.of());
    }

    /** A plan or payment-date change ({@code kind} {@code plan-change} or {@code payment-date-change}) taking effect on {@code effective}. */
    public static GenericSubject change(String key, String kind, LocalDate effective) {
        return new GenericSubject(key, kind, effective, null, Map.of());
    }

    /** A serviced visit or repair that the NPS survey asks about. */
    public static GenericSubject service(String key) {
        return new GenericSubject(key, "service", null, null, Map.of());
    }

    /** An appointment at a local date-time and place. */
    public static Appointment appointment(String key, LocalDateTime at, String place) {
        return new Appointment(key, at, place);
    }
}
