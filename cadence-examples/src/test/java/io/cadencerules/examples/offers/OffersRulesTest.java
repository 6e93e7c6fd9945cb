package io.cadencerules.examples.offers;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.rules.ChannelChoice;
import io.cadencerules.rules.DueStep;
import io.cadencerules.rules.Enrolment;
import io.cadencerules.rules.EventFact;
import io.cadencerules.rules.Offer;
import io.cadencerules.rules.RuleBook;
import io.cadencerules.rules.Segment;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static io.cadencerules.examples.ExampleFacts.SAO_PAULO;
import static io.cadencerules.examples.ExampleFacts.dueStep;
import static io.cadencerules.examples.ExampleFacts.local;
import static io.cadencerules.testkit.CadenceAssertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** offers-segments.drl and offers-actions.drl, rule by rule, in both build modes. */
class OffersRulesTest {

    private static final Instant NOW = local(LocalDate.of(2026, 3, 9).atTime(10, 0), SAO_PAULO);
    private static final Cadence REGUA = OffersExample.realtimeOffer();

    private static Customer customer(Map<String, String> profile) {
        return OffersExample.sampleCustomer("c-1", "+5511987654321", "SP", profile);
    }

    private static EventFact addressChanged(Customer customer, boolean fiber) {
        return new EventFact(OffersExample.addressChanged("e-1", NOW, customer.id(), fiber), customer, null, NOW, SAO_PAULO);
    }

    private static EventFact towRequested(Customer customer) {
        return new EventFact(OffersExample.towRequested("e-2", NOW, customer.id()), customer, null, NOW, SAO_PAULO);
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void an_address_change_offers_the_upgrade_for_an_old_handset_fiber_where_available_and_always_the_plan(RuleBook.Mode mode) {
        RuleBook book = OffersExample.rules(mode);
        EventFact old = addressChanged(customer(Map.of("handset_age_months", "24")), true);
        EventFact fiberAlready = addressChanged(customer(Map.of("handset_age_months", "23", "home_internet", "fiber")), true);

        assertThat(book.evaluate(old)).fired(
                        "Address changed, handset 24 months or older: upgrade with a new phone on a 2-year plan",
                        "Address changed to a street with fiber: home fiber", "Address changed: plan upgrade")
                .concluded(old, Offer.class)
                .extracting(Offer::getCode, Offer::getPropensity, Offer::getValue, Offer::getCost)
                .containsExactlyInAnyOrder(
                        tuple("upgrade-phone-24m", 0.40, new BigDecimal("1500"), new BigDecimal("400")),
                        tuple("home-fiber", 0.30, new BigDecimal("720"), new BigDecimal("60")),
                        tuple("plan-upgrade", 0.15, new BigDecimal("360"), new BigDecimal("12")));
        assertThat(book.evaluate(fiberAlready)).firedExactly("Address changed: plan upgrade");
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void a_tow_request_offers_rental_coverage_and_premium_assistance_to_whoever_lacks_them(RuleBook.Mode mode) {
        RuleBook book = OffersExample.rules(mode);
        EventFact uncovered = towRequested(customer(Map.of()));
        EventFact fullyCovered = towRequested(customer(Map.of("rental_coverage", "yes", "roadside", "premium")));

        assertThat(book.evaluate(uncovered)).concluded(uncovered, Offer.class)
                .extracting(Offer::getCode, Offer::getPropensity, Offer::getValue, Offer::getCost)
                .containsExactlyInAnyOrder(
                        tuple("rental-car-coverage", 0.55, new BigDecimal("240"), new BigDecimal("40")),
                        tuple("roadside-premium", 0.12, new BigDecimal("300"), new BigDecimal("0")));
        assertThat(book.evaluate(fullyCovered)).concludedNothing();
        assertThat(book.evaluate(addressChanged(customer(Map.of()), false)))
                .didNotFire("Tow truck requested without rental-car coverage: rental-car coverage, first month free");
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void an_offer_worth_1000_or_more_is_high_value(RuleBook.Mode mode) {
        RuleBook book = OffersExample.rules(mode);
        Customer c = customer(Map.of());
        Enrolment upgrade = new Enrolment(c, new Lead("offer-1", Money.brl("1000"), "upgrade-phone-24m"), REGUA, NOW, SAO_PAULO);
        Enrolment rental = new Enrolment(c, new Lead("offer-2", Money.brl("999.99"), "rental-car-coverage"), REGUA, NOW, SAO_PAULO);

        assertThat(book.evaluate(upgrade)).firedExactly("Offers worth R$ 1,000 or more are high value")
                .concluded(upgrade, Segment.class).extracting(Segment::getName).containsExactly(OffersExample.HIGH_VALUE_OFFER);
        assertThat(book.evaluate(rental)).concludedNothing();
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void a_customer_without_a_phone_gets_the_offer_by_email(RuleBook.Mode mode) {
        RuleBook book = OffersExample.rules(mode);
        Customer emailOnly = Customer.builder("c-2").email("c2@example.com.br").addressState("SP").build();
        Customer withPhone = customer(Map.of());
        Lead offer = new Lead("offer-1", Money.brl("240"), "rental-car-coverage");
        CadenceHarness h = CadenceHarness.startingAt(NOW).configure(OffersExample::configure).build();
        DueStep byEmail = dueStep(h.enroll(emailOnly, offer, REGUA), REGUA, emailOnly, "present", NOW);
        DueStep bySms = dueStep(h.enroll(withPhone, offer, REGUA), REGUA, withPhone, "present", NOW);

        assertThat(book.evaluate(byEmail)).firedExactly("A customer without a phone gets the offer by e-mail")
                .concluded(byEmail, ChannelChoice.class).extracting(ChannelChoice::getChannel, ChannelChoice::getTemplate)
                .containsExactly(tuple(Channel.EMAIL, "realtime-offer-email"));
        assertThat(book.evaluate(bySms)).concludedNothing();
    }
}
