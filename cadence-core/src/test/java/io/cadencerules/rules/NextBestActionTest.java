package io.cadencerules.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.GenericSubject;
import io.cadencerules.engine.EventReceipt;
import io.cadencerules.engine.Proposal;
import io.cadencerules.event.CustomEvent;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Seed 002's real-time examples: an inbound event, the customer's profile, an offer at once. */
class NextBestActionTest {

    private static CadenceHarness harness(RuleBook.Mode mode) {
        RuleBook book = RuleBook.builder("offers").mode(mode).classpath("io/cadencerules/rules/offers.drl").build();
        return CadenceHarness.startingAt(Fixtures.START)
                .configure(b -> b.nextBestAction(new RulesAdvisor(() -> book, c -> Fixtures.SAO_PAULO))).build();
    }

    private static CustomEvent custom(CadenceHarness h, String id, String customer, String name) {
        return new CustomEvent(id, h.now(), customer, null, name, JsonNodeFactory.instance.objectNode().put("source", "ivr"));
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void an_address_change_for_an_old_handset_yields_the_upgrade_offer_first(RuleBook.Mode mode) {
        CadenceHarness h = harness(mode);
        Customer old = Customer.builder("c-old").phone("+5511991110000").attributes(Map.of("handset_age_months", "30")).build();
        Customer fresh = Customer.builder("c-new").phone("+5511992220000").attributes(Map.of("handset_age_months", "6")).build();

        assertThat(h.engine().offers(old, custom(h, "e1", "c-old", "address-changed")))
                .extracting(Proposal::code, p -> p.expectedValue().setScale(2), Proposal::source)
                .containsExactly(
                        tuple("upgrade-phone-24m", new BigDecimal("120.00"),
                                "rule 'Address changed, handset older than two years: upgrade with a new phone on a 2-year plan'"),
                        tuple("plan-upgrade", new BigDecimal("50.00"), "rule 'Address changed: plan upgrade'"));
        assertThat(h.engine().offers(fresh, custom(h, "e2", "c-new", "address-changed")))
                .extracting(Proposal::code).containsExactly("plan-upgrade");
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void a_tow_request_without_rental_coverage_yields_the_rental_offer_with_its_incentive_ranked_first(RuleBook.Mode mode) {
        CadenceHarness h = harness(mode);
        Customer uncovered = Customer.builder("c-1").phone("+5511991110000").build();
        Customer covered = Customer.builder("c-2").phone("+5511992220000").attributes(Map.of("rental_coverage", "yes")).build();

        assertThat(h.engine().offers(uncovered, custom(h, "t1", "c-1", "tow-requested")))
                .extracting(Proposal::code, Proposal::propensity, Proposal::cost)
                .containsExactly(tuple("rental-car-coverage", 0.5, new BigDecimal("30")),
                        tuple("roadside-premium", 0.1, new BigDecimal("0")));
        assertThat(h.engine().offers(covered, custom(h, "t2", "c-2", "tow-requested")))
                .extracting(Proposal::code).containsExactly("roadside-premium");
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void an_event_handled_for_a_journey_comes_back_with_the_ranked_offers(RuleBook.Mode mode) {
        CadenceHarness h = harness(mode);
        Customer customer = Customer.builder("c-1").phone("+5511991110000").attributes(Map.of("handset_age_months", "40")).build();
        GenericSubject plan = new GenericSubject("plan-1", "mobile-plan", null, null, Map.of());
        Cadence welcome = Cadence.relationship("welcome").step("hello").at(days(0)).sms("hello").build();
        h.enroll(customer, plan, welcome);
        h.advance(Duration.ofMinutes(1));

        EventReceipt receipt = h.deliver(custom(h, "a1", "c-1", "address-changed"));

        assertThat(receipt.outcome()).isEqualTo(EventReceipt.Outcome.APPLIED);
        assertThat(receipt.bestOffer()).hasValueSatisfying(best -> {
            assertThat(best.code()).isEqualTo("upgrade-phone-24m");
            assertThat(best.channel()).isEqualTo(io.cadencerules.channel.Channel.SMS);
            assertThat(best.template()).isEqualTo("upgrade-offer");
        });
        assertThat(receipt.offers()).hasSize(2);
    }
}
