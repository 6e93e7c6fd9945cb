package io.cadencerules.examples.offers;

import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Consent;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.EventReceipt;
import io.cadencerules.engine.Proposal;
import io.cadencerules.event.Conversion;
import io.cadencerules.event.CustomEvent;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyKey;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.journey.Reasons;
import io.cadencerules.store.JourneyQuery;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static io.cadencerules.channel.Channel.AGENT;
import static io.cadencerules.channel.Channel.EMAIL;
import static io.cadencerules.channel.Channel.TWO_WAY_SMS;
import static io.cadencerules.examples.ExampleFacts.SAO_PAULO;
import static io.cadencerules.testkit.CadenceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Seed 002's real-time offers: the ranked offers on each inbound event, the presentation and its acceptance. */
class OffersExampleTest {

    /** A Monday without holidays in the week. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 9);

    private final Customer oldHandset = OffersExample.sampleCustomer("ana", "+5511987654321", "SP",
            Map.of("handset_age_months", "30", "home_internet", "dsl"));
    private final Customer newHandset = OffersExample.sampleCustomer("bia", "+5511976543210", "SP",
            Map.of("handset_age_months", "6", "home_internet", "fiber"));
    private final Customer uninsuredCar = OffersExample.sampleCustomer("caio", "+5521998765432", "RJ", Map.of());
    private final Customer coveredCar = OffersExample.sampleCustomer("duda", "+5521987654321", "RJ",
            Map.of("rental_coverage", "yes"));
    private CadenceHarness h;

    @BeforeEach
    void harness() {
        h = CadenceHarness.startingAt(MONDAY.atTime(10, 0), SAO_PAULO).configure(OffersExample::configure).build();
    }

    private void advanceTo(int day, int hour, int minute) {
        h.advanceTo(MONDAY.plusDays(day).atTime(hour, minute), SAO_PAULO);
    }

    private Journey offerJourney(String customerId, String eventId) {
        return h.engine().journey(new JourneyKey(customerId, "offer-" + eventId, OffersExample.REALTIME_OFFER))
                .orElseThrow(() -> new AssertionError("no offer journey for " + customerId));
    }

    @Test
    void a_billing_address_change_yields_the_phone_upgrade_first_for_an_old_handset() {
        assertThat(h.engine().offers(oldHandset, OffersExample.addressChanged("a-1", h.now(), "ana", true)))
                .extracting(Proposal::code, p -> p.expectedValue().setScale(2), Proposal::source)
                .containsExactly(
                        tuple("upgrade-phone-24m", new BigDecimal("200.00"),
                                "rule 'Address changed, handset 24 months or older: upgrade with a new phone on a 2-year plan'"),
                        tuple("home-fiber", new BigDecimal("156.00"), "rule 'Address changed to a street with fiber: home fiber'"),
                        tuple("plan-upgrade", new BigDecimal("42.00"), "rule 'Address changed: plan upgrade'"));
        assertThat(h.engine().offers(newHandset, OffersExample.addressChanged("a-2", h.now(), "bia", true)))
                .as("a new handset and fiber at home already: only the plan").extracting(Proposal::code)
                .containsExactly("plan-upgrade");
        assertThat(h.engine().offers(oldHandset, OffersExample.addressChanged("a-3", h.now(), "ana", false)))
                .as("no fiber at the new address").extracting(Proposal::code)
                .containsExactly("upgrade-phone-24m", "plan-upgrade");
    }

    @Test
    void a_tow_truck_request_yields_the_rental_car_coverage_first_for_an_uncovered_customer() {
        assertThat(h.engine().offers(uninsuredCar, OffersExample.towRequested("t-1", h.now(), "caio")))
                .extracting(Proposal::code, p -> p.expectedValue().setScale(2), Proposal::propensity)
                .containsExactly(tuple("rental-car-coverage", new BigDecimal("92.00"), 0.55),
                        tuple("roadside-premium", new BigDecimal("36.00"), 0.12));
        assertThat(h.engine().offers(coveredCar, OffersExample.towRequested("t-2", h.now(), "duda")))
                .extracting(Proposal::code).containsExactly("roadside-premium");
    }

    @Test
    void the_best_offer_is_presented_at_once_and_an_accepting_reply_is_recorded_as_the_conversion() {
        assertThat(OffersExample.present(h.engine(), uninsuredCar, OffersExample.towRequested("t-1", h.now(), "caio")))
                .hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("rental-car-coverage"));
        advanceTo(0, 10, 5);
        assertThat(h.channel(TWO_WAY_SMS).sentTo("caio")).singleElement().satisfies(sms -> {
            assertThat(sms.templateId()).isEqualTo("realtime-offer");
            assertThat(sms.subject()).isEqualTo(new Lead("offer-t-1", Money.brl("240"), "rental-car-coverage"));
        });

        h.deliver(h.events().replied("caio", "offer-t-1", TWO_WAY_SMS, "sim"));
        advanceTo(7, 12, 0);

        assertThat(offerJourney("caio", "t-1")).hasStatus(JourneyStatus.CONVERTED)
                .hasEntry(Kind.CONVERTED, "present", Reasons.BRANCH).sentSteps("present");
    }

    @Test
    void a_sale_closed_by_an_agent_is_recorded_as_the_offers_conversion() {
        OffersExample.present(h.engine(), oldHandset, OffersExample.addressChanged("a-1", h.now(), "ana", true));
        advanceTo(0, 11, 0);

        h.deliver(new Conversion("sale-1", h.now(), "ana", "offer-a-1", "upgrade-phone-24m", Money.brl("1500")));

        assertThat(offerJourney("ana", "a-1")).hasStatus(JourneyStatus.CONVERTED).hasEntry(Kind.CONVERTED, null, Reasons.GOAL_REACHED);
        assertThat(offerJourney("ana", "a-1").subject()).isEqualTo(new Lead("offer-a-1", Money.brl("1500"), "upgrade-phone-24m"));
    }

    @Test
    void an_unanswered_high_value_offer_is_followed_up_by_an_agent_and_a_low_value_one_is_not() {
        OffersExample.present(h.engine(), oldHandset, OffersExample.addressChanged("a-1", h.now(), "ana", true));
        OffersExample.present(h.engine(), uninsuredCar, OffersExample.towRequested("t-1", h.now(), "caio"));

        advanceTo(7, 12, 0);

        assertThat(offerJourney("ana", "a-1")).sentSteps("present", "reminder", "agent-follow-up");
        assertThat(h.channel(AGENT).sentTo("ana")).singleElement().extracting(ContactRequest::queue)
                .isEqualTo(OffersExample.OFFERS_QUEUE);
        assertThat(offerJourney("caio", "t-1")).sentSteps("present", "reminder")
                .hasEntry(Kind.SKIPPED, "agent-follow-up", Reasons.CONDITION_NOT_MET);
    }

    @Test
    void a_customer_without_a_phone_gets_the_offer_by_email_and_accepts_with_a_click() {
        Customer emailOnly = Customer.builder("eva").email("eva@example.com.br").addressState("SP")
                .consent(new Consent(EMAIL, Purpose.MARKETING, true, Instant.parse("2025-01-02T12:00:00Z")))
                .build();
        OffersExample.present(h.engine(), emailOnly, OffersExample.towRequested("t-9", h.now(), "eva"));
        advanceTo(0, 10, 5);

        assertThat(h.channel(EMAIL).sentTo("eva")).singleElement().extracting(ContactRequest::templateId)
                .isEqualTo("realtime-offer-email");
        h.deliver(h.events().clicked("eva", "offer-t-9", "https://seguro.example.com.br/aceitar"));

        assertThat(offerJourney("eva", "t-9")).hasStatus(JourneyStatus.CONVERTED);
    }

    @Test
    void with_a_live_journey_the_event_receipt_carries_the_ranked_offers() {
        OffersExample.present(h.engine(), uninsuredCar, OffersExample.towRequested("t-1", h.now(), "caio"));
        advanceTo(0, 10, 5);

        EventReceipt receipt = h.deliver(OffersExample.towRequested("t-2", h.now(), "caio"));

        assertThat(receipt.outcome()).isEqualTo(EventReceipt.Outcome.APPLIED);
        assertThat(receipt.offers()).extracting(Proposal::code).containsExactly("rental-car-coverage", "roadside-premium");
    }

    @Test
    void no_offer_applies_to_other_events_and_nothing_is_enrolled() {
        assertThat(OffersExample.present(h.engine(), coveredCar,
                new CustomEvent("x-1", h.now(), "duda", null, "password-reset", null))).isEmpty();
        advanceTo(1, 12, 0);

        assertThat(h.sent()).isEmpty();
        assertThat(h.engine().journeys(JourneyQuery.byCadence(OffersExample.REALTIME_OFFER))).isEmpty();
    }

    @Test
    void presenting_an_event_of_another_customer_is_refused_with_both_ids() {
        assertThatThrownBy(() -> OffersExample.present(h.engine(), coveredCar, OffersExample.towRequested("t-1", h.now(), "caio")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event 't-1' is about customer 'caio', not 'duda'");
    }
}
