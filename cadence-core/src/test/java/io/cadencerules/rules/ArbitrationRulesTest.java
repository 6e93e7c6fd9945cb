package io.cadencerules.rules;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.LocalTime;

import static io.cadencerules.Fixtures.local;
import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** "Collection outranks sales; at most one contact per window per customer unless a rule says otherwise." */
class ArbitrationRulesTest {

    private static final Cadence COLLECTION = Cadence.collection("late").step("d1").at(days(1), LocalTime.of(10, 0)).sms("late").build();
    private static final Cadence SALES = Cadence.sales("offer").step("s0").at(days(10), LocalTime.of(10, 0)).sms("offer").build();
    private static final Lead CART = new Lead("cart-7", Money.brl("199.90"), "headset");

    private static CadenceHarness harness(RuleBook.Mode mode) {
        RuleBook book = RuleBook.builder("arbitration").mode(mode).classpath("io/cadencerules/rules/arbitration.drl").build();
        RulesStage rules = new RulesStage(book);
        return CadenceHarness.startingAt(Fixtures.START)
                .configure(b -> b.eligibility(rules).arbitration(Duration.ofHours(4))).build();
    }

    private static Customer customer(String id, String... segments) {
        return Customer.builder(id).phone("+5511991110000").zone(Fixtures.SAO_PAULO).segments(segments).build();
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void without_a_rule_collection_outranks_sales(RuleBook.Mode mode) {
        CadenceHarness h = harness(mode);
        Customer plain = customer("plain");
        h.enroll(plain, Fixtures.debt(), COLLECTION);
        h.enroll(plain, CART, SALES);
        h.advance(Duration.ofDays(15));
        assertThat(h.sentTo("plain")).extracting(r -> r.journeyId().cadenceId(), ContactRequest::requestedAt)
                .containsExactly(tuple("late", local(1, 10, 0)), tuple("offer", local(1, 14, 0)));
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void a_score_from_the_rules_puts_the_vip_offer_first(RuleBook.Mode mode) {
        CadenceHarness h = harness(mode);
        Customer vip = customer("vip", "vip");
        h.enroll(vip, Fixtures.debt(), COLLECTION);
        h.enroll(vip, CART, SALES);
        h.advance(Duration.ofDays(15));
        assertThat(h.sentTo("vip")).extracting(r -> r.journeyId().cadenceId(), ContactRequest::requestedAt)
                .containsExactly(tuple("offer", local(1, 10, 0)), tuple("late", local(1, 14, 0)));
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void a_rule_can_let_a_contact_share_the_window(RuleBook.Mode mode) {
        CadenceHarness h = harness(mode);
        Customer optedIn = Customer.builder("opt").phone("+5511991110000").zone(Fixtures.SAO_PAULO)
                .attribute("wants_offers", "yes").build();
        h.enroll(optedIn, Fixtures.debt(), COLLECTION);
        h.enroll(optedIn, CART, SALES);
        h.advance(Duration.ofDays(15));
        assertThat(h.sentTo("opt")).extracting(ContactRequest::requestedAt).containsExactly(local(1, 10, 0), local(1, 10, 0));
    }
}
