package io.cadencerules.examples.sales;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channels.mailing.AgentMailing;
import io.cadencerules.channels.mailing.Interest;
import io.cadencerules.channels.mailing.MailingEntry;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Lead;
import io.cadencerules.event.CustomEvent;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.policy.PolicyReasons;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.cadencerules.channel.Channel.AGENT;
import static io.cadencerules.channel.Channel.EMAIL;
import static io.cadencerules.channel.Channel.OUTBOUND_IVR;
import static io.cadencerules.channel.Channel.SMS;
import static io.cadencerules.channel.Channel.TWO_WAY_SMS;
import static io.cadencerules.examples.ExampleFacts.SAO_PAULO;
import static io.cadencerules.examples.ExampleFacts.localTimes;
import static io.cadencerules.testkit.CadenceAssertions.assertThat;
import static io.cadencerules.testkit.CadenceDay.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The sales réguas through the engine with their rules, the contact policy (consent, hours) and the budget. */
class SalesExampleTest {

    /** A Monday without holidays in the week. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 9);

    private CadenceHarness h;

    @BeforeEach
    void harness() {
        h = CadenceHarness.startingAt(MONDAY.atTime(9, 0), SAO_PAULO).configure(SalesExample::configure).build();
    }

    private static Customer customer(String id, String phone, String state) {
        return SalesExample.sampleCustomer(id, phone, state, Map.of());
    }

    private void advanceTo(int day, int hour, int minute) {
        h.advanceTo(MONDAY.plusDays(day).atTime(hour, minute), SAO_PAULO);
    }

    private CustomEvent cartAbandoned(String customerId, String cartKey) {
        return new CustomEvent("cart-" + customerId, h.now(), customerId, cartKey, SalesExample.CART_ABANDONED, null);
    }

    private Optional<Customer> find(List<Customer> customers, String id) {
        return customers.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    @Test
    void the_cart_coupon_goes_by_sms_an_hour_after_the_abandonment_then_by_email_the_next_morning() {
        Customer ana = customer("ana", "+5511987654321", "SP");
        Lead cart = SalesExample.sampleLead("cart-1", "250.00", "headset");
        Cadence regua = SalesExample.abandonedCart();
        h.enroll(ana, cart, regua);
        advanceTo(0, 10, 0);
        assertThat(h.sentTo("ana")).as("nothing before the cart is abandoned").isEmpty();

        h.deliver(cartAbandoned("ana", "cart-1"));
        advanceTo(9, 12, 0);

        assertThat(h.sentTo("ana")).extracting(ContactRequest::channel, ContactRequest::templateId)
                .containsExactly(tuple(SMS, "cart-coupon"), tuple(EMAIL, "cart-coupon-email"));
        assertThat(localTimes(h.sentTo("ana"), SAO_PAULO))
                .containsExactly(MONDAY.atTime(11, 0), MONDAY.plusDays(1).atTime(10, 0));
        assertThat(h.sentTo("ana")).allSatisfy(r -> assertThat(r.variables()).containsEntry("coupon", SalesExample.COUPON));
        assertThat(h.journey(ana, cart, regua)).as("completed at the seven-day horizon").hasStatus(JourneyStatus.COMPLETED);
    }

    @Test
    void a_purchase_after_the_sms_coupon_stops_the_email() {
        Customer ana = customer("ana", "+5511987654321", "SP");
        Lead cart = SalesExample.sampleLead("cart-1", "250.00", "headset");
        Cadence regua = SalesExample.abandonedCart();
        h.enroll(ana, cart, regua);
        advanceTo(0, 10, 0);
        h.deliver(cartAbandoned("ana", "cart-1"));
        advanceTo(0, 15, 0);

        h.deliver(h.events().converted("ana", "cart-1", "purchase"));
        advanceTo(5, 12, 0);

        assertThat(h.journey(ana, cart, regua)).hasStatus(JourneyStatus.CONVERTED).sentSteps("coupon-sms")
                .wasNotContactedVia(EMAIL);
    }

    @Test
    void without_marketing_consent_no_coupon_is_sent() {
        Customer noConsent = Customer.builder("bia").phone("+5511976543210").email("bia@example.com.br").addressState("SP").build();
        Lead cart = SalesExample.sampleLead("cart-2", "250.00", "headset");
        Cadence regua = SalesExample.abandonedCart();
        h.enroll(noConsent, cart, regua);
        advanceTo(0, 10, 0);

        h.deliver(cartAbandoned("bia", "cart-2"));
        advanceTo(5, 12, 0);

        assertThat(h.sentTo("bia")).isEmpty();
        assertThat(h.journey(noConsent, cart, regua)).hasEntry(Kind.SKIPPED, "coupon-sms", PolicyReasons.NO_CONSENT)
                .hasEntry(Kind.SKIPPED, "coupon-email", PolicyReasons.NO_CONSENT);
    }

    @Test
    void the_offer_and_its_follow_up_differ_by_profile() {
        Customer premium = SalesExample.sampleCustomer("pedro", "+5511987654321", "SP", Map.of("plan", "premium"));
        Customer basic = SalesExample.sampleCustomer("bia", "+5511976543210", "SP", Map.of("plan", "basic", "monthly_spend", "120"));
        Lead pedroOffer = SalesExample.sampleLead("offer-1", "900.00", "mobile-plan");
        Lead biaOffer = SalesExample.sampleLead("offer-2", "300.00", "mobile-plan");
        Cadence upsell = SalesExample.upsell();
        h.enroll(premium, pedroOffer, upsell);
        h.enroll(basic, biaOffer, upsell);

        advanceTo(10, 12, 0);

        assertThat(h.sentTo("pedro")).extracting(ContactRequest::channel, ContactRequest::templateId, ContactRequest::queue)
                .containsExactly(tuple(EMAIL, "upgrade-offer", ""), tuple(AGENT, SalesExample.ACCOUNT_MANAGERS_QUEUE,
                        SalesExample.ACCOUNT_MANAGERS_QUEUE));
        assertThat(h.sentTo("bia")).extracting(ContactRequest::channel, ContactRequest::templateId)
                .containsExactly(tuple(EMAIL, "cross-sell-offer"), tuple(SMS, "offer-follow-up"));
        assertThat(h.journey(basic, biaOffer, upsell)).wasContactedVia(EMAIL).on(day(1)).at(LocalTime.of(10, 0));
        assertThat(h.journey(premium, pedroOffer, upsell).segments()).contains("path:upsell");
        assertThat(h.journey(basic, biaOffer, upsell).segments()).contains("path:cross-sell");
    }

    @Test
    void a_click_on_the_offer_hands_the_lead_to_sales() {
        Customer basic = SalesExample.sampleCustomer("bia", "+5511976543210", "SP", Map.of());
        Lead offer = SalesExample.sampleLead("offer-2", "300.00", "mobile-plan");
        h.enroll(basic, offer, SalesExample.upsell());
        advanceTo(1, 10, 30);

        h.deliver(h.events().clicked("bia", "offer-2", "https://loja.example.com.br/oferta"));
        advanceTo(1, 11, 0);

        assertThat(h.channel(AGENT).sentTo("bia")).singleElement().extracting(ContactRequest::queue)
                .isEqualTo(SalesExample.SALES_QUEUE);
    }

    @Test
    void the_survey_goes_by_outbound_ivr_in_the_southeast_and_by_two_way_sms_in_the_north_and_northeast() {
        Customer sp = customer("sp", "+5511987654321", "SP");
        Customer am = customer("am", "+5592991234567", "AM");
        Customer ba = customer("ba", "+5571991234567", "BA");
        Cadence survey = SalesExample.interestSurvey();
        for (Customer c : List.of(sp, am, ba)) {
            h.enroll(c, SalesExample.sampleLead("fiber-" + c.id(), "1200.00", "home-fiber"), survey);
        }

        advanceTo(1, 14, 0);

        assertThat(h.channel(OUTBOUND_IVR).sent()).extracting(r -> r.customer().id()).containsExactly("sp");
        assertThat(h.channel(TWO_WAY_SMS).sent()).extracting(r -> r.customer().id(), ContactRequest::templateId)
                .containsExactlyInAnyOrder(tuple("am", "interest-survey-sms"), tuple("ba", "interest-survey-sms"));
        assertThat(h.journey(am, SalesExample.sampleLead("fiber-am", "1200.00", "home-fiber"), survey))
                .wasContactedVia(TWO_WAY_SMS).on(day(1)).at(LocalTime.of(11, 0));
    }

    @Test
    void only_the_leads_who_showed_interest_reach_the_agent_mailing() {
        Customer yes = customer("c-yes-key", "+5511987654321", "SP");
        Customer no = customer("c-no-key", "+5511976543210", "SP");
        Customer sim = customer("c-yes-sms", "+5592991234567", "AM");
        Customer nao = customer("c-no-sms", "+5571991234567", "BA");
        Customer silent = customer("c-silent", "+5511965432109", "SP");
        List<Customer> everyone = List.of(yes, no, sim, nao, silent);
        Cadence survey = SalesExample.interestSurvey();
        for (Customer c : everyone) {
            h.enroll(c, SalesExample.sampleLead("fiber-" + c.id(), "1200.00", "home-fiber"), survey);
        }
        advanceTo(1, 13, 0);

        h.deliver(h.events().pressed("c-yes-key", "fiber-c-yes-key", '1'));
        h.deliver(h.events().pressed("c-no-key", "fiber-c-no-key", '2'));
        h.deliver(h.events().replied("c-yes-sms", "fiber-c-yes-sms", TWO_WAY_SMS, "Sim"));
        h.deliver(h.events().replied("c-no-sms", "fiber-c-no-sms", TWO_WAY_SMS, "não"));
        advanceTo(8, 12, 0);

        AgentMailing mailing = SalesExample.agentMailing(h.engine(), h.clock(), id -> find(everyone, id));
        assertThat(mailing.entries()).extracting(MailingEntry::customerId, MailingEntry::interest, MailingEntry::cadenceId)
                .containsExactlyInAnyOrder(tuple("c-yes-key", Interest.HAND_OFF, SalesExample.INTEREST_SURVEY),
                        tuple("c-yes-sms", Interest.HAND_OFF, SalesExample.INTEREST_SURVEY));
        assertThat(h.channel(AGENT).sent()).extracting(r -> r.customer().id(), ContactRequest::queue)
                .containsExactlyInAnyOrder(tuple("c-yes-key", SalesExample.SALES_QUEUE), tuple("c-yes-sms", SalesExample.SALES_QUEUE));
        assertThat(h.sentTo("c-silent")).extracting(ContactRequest::stepId).containsExactly("survey", "survey-again");
        assertThat(h.sentTo("c-yes-key")).extracting(ContactRequest::stepId).as("not surveyed again once interested")
                .containsExactly("survey", "survey");
        assertThat(h.journey(no, SalesExample.sampleLead("fiber-c-no-key", "1200.00", "home-fiber"), survey))
                .hasStatus(JourneyStatus.EXITED);
    }

    @Test
    void a_cart_abandoned_in_the_evening_gets_no_sms_at_night_but_the_email_the_next_morning() {
        Customer ana = customer("ana", "+5511987654321", "SP");
        Lead cart = SalesExample.sampleLead("cart-1", "250.00", "headset");
        Cadence regua = SalesExample.abandonedCart();
        h.enroll(ana, cart, regua);
        advanceTo(0, 19, 30);

        h.deliver(cartAbandoned("ana", "cart-1"));
        advanceTo(5, 12, 0);

        assertThat(h.journey(ana, cart, regua)).wasNotContactedVia(SMS)
                .hasEntry(Kind.BLOCKED, "coupon-sms", PolicyReasons.OUTSIDE_WINDOW)
                .wasContactedVia(EMAIL).on(day(1)).at(LocalTime.of(10, 0));
    }
}
