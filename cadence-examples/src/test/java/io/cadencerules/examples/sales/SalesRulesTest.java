package io.cadencerules.examples.sales;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Lead;
import io.cadencerules.journey.Journey;
import io.cadencerules.rules.ChannelChoice;
import io.cadencerules.rules.DueStep;
import io.cadencerules.rules.Enrolment;
import io.cadencerules.rules.HandOff;
import io.cadencerules.rules.RuleBook;
import io.cadencerules.rules.Segment;
import io.cadencerules.rules.Skip;
import io.cadencerules.rules.TreatmentPath;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static io.cadencerules.examples.ExampleFacts.SAO_PAULO;
import static io.cadencerules.examples.ExampleFacts.dueStep;
import static io.cadencerules.examples.ExampleFacts.local;
import static io.cadencerules.testkit.CadenceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** sales-segments.drl and sales-actions.drl, rule by rule, in both build modes. */
class SalesRulesTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 9);
    private static final Instant ENROLLED = local(MONDAY.atTime(9, 0), SAO_PAULO);
    private static final Lead OFFER = SalesExample.sampleLead("offer-1", "600.00", "mobile-plan");

    private static Customer customer(String phone, Map<String, String> attributes) {
        return SalesExample.sampleCustomer("c-1", phone, "", attributes);
    }

    private static Enrolment enrolment(Customer customer, Cadence cadence) {
        return new Enrolment(customer, OFFER, cadence, ENROLLED, SAO_PAULO);
    }

    /** A journey enrolled through the example's engine, so it carries the classification's tags. */
    private static Journey enrolled(CadenceHarness h, Customer customer, Cadence cadence) {
        return h.enroll(customer, OFFER, cadence);
    }

    private static CadenceHarness harness() {
        return CadenceHarness.startingAt(ENROLLED).configure(SalesExample::configure).build();
    }

    private static DueStep due(Customer customer, Cadence cadence, String stepId, int day) {
        return dueStep(enrolled(harness(), customer, cadence), cadence, customer, stepId,
                local(MONDAY.plusDays(day).atTime(11, 0), SAO_PAULO));
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void a_premium_plan_or_a_spend_of_300_takes_the_upsell_path_and_any_other_profile_the_cross_sell_path(RuleBook.Mode mode) {
        RuleBook book = SalesExample.rules(mode);
        Enrolment premium = enrolment(customer("+5511987654321", Map.of("plan", "premium")), SalesExample.upsell());
        Enrolment bigSpender = enrolment(customer("+5511987654321", Map.of("monthly_spend", "300")), SalesExample.upsell());
        Enrolment basic = enrolment(customer("+5511987654321", Map.of("plan", "basic", "monthly_spend", "299.99")),
                SalesExample.upsell());

        assertThat(book.evaluate(premium)).firedExactly("Premium plans or a monthly spend of R$ 300 or more: the upsell path")
                .concluded(premium, TreatmentPath.class).extracting(TreatmentPath::getName).containsExactly("upsell");
        assertThat(book.evaluate(bigSpender)).concluded(bigSpender, TreatmentPath.class).extracting(TreatmentPath::getName)
                .containsExactly("upsell");
        assertThat(book.evaluate(basic)).firedExactly("Every other profile: the cross-sell path")
                .concluded(basic, TreatmentPath.class).extracting(TreatmentPath::getName).containsExactly("cross-sell");
        assertThat(book.evaluate(enrolment(customer("+5511987654321", Map.of("plan", "premium")), SalesExample.interestSurvey())))
                .as("profiles are for the upsell régua only").concludedNothing();
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void the_ddd_gives_the_region(RuleBook.Mode mode) {
        RuleBook book = SalesExample.rules(mode);
        Enrolment manaus = enrolment(customer("+5592991234567", Map.of()), SalesExample.interestSurvey());
        Enrolment palmas = enrolment(customer("+5563991234567", Map.of()), SalesExample.interestSurvey());
        Enrolment salvador = enrolment(customer("+5571991234567", Map.of()), SalesExample.interestSurvey());
        Enrolment saoLuis = enrolment(customer("+5598991234567", Map.of()), SalesExample.interestSurvey());
        Enrolment saoPaulo = enrolment(customer("+5511987654321", Map.of()), SalesExample.interestSurvey());

        assertThat(book.evaluate(manaus)).concluded(manaus, Segment.class).extracting(Segment::getName)
                .containsExactly("region:north");
        assertThat(book.evaluate(palmas)).concluded(palmas, Segment.class).extracting(Segment::getName)
                .containsExactly("region:north");
        assertThat(book.evaluate(salvador)).concluded(salvador, Segment.class).extracting(Segment::getName)
                .containsExactly("region:northeast");
        assertThat(book.evaluate(saoLuis)).concluded(saoLuis, Segment.class).extracting(Segment::getName)
                .containsExactly("region:northeast");
        assertThat(book.evaluate(saoPaulo)).concludedNothing();
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void the_upsell_path_gets_the_upgrade_offer_and_an_account_managers_call(RuleBook.Mode mode) {
        RuleBook book = SalesExample.rules(mode);
        Customer premium = customer("+5511987654321", Map.of("plan", "premium"));
        Customer basic = customer("+5511987654321", Map.of("plan", "basic"));
        DueStep premiumOffer = due(premium, SalesExample.upsell(), "offer-email", 1);
        DueStep premiumFollowUp = due(premium, SalesExample.upsell(), "offer-follow-up", 4);

        assertThat(book.evaluate(premiumOffer)).firedExactly("The upsell path gets the upgrade offer")
                .concluded(premiumOffer, ChannelChoice.class).extracting(ChannelChoice::getChannel, ChannelChoice::getTemplate)
                .containsExactly(tuple(Channel.EMAIL, "upgrade-offer"));
        assertThat(book.evaluate(premiumFollowUp)).firedExactly("The upsell follow-up is a call from an account manager")
                .concluded(premiumFollowUp, HandOff.class).extracting(HandOff::getQueue)
                .containsExactly(SalesExample.ACCOUNT_MANAGERS_QUEUE);
        assertThat(book.evaluate(due(basic, SalesExample.upsell(), "offer-email", 1))).concludedNothing();
        assertThat(book.evaluate(due(basic, SalesExample.upsell(), "offer-follow-up", 4))).concludedNothing();
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void the_survey_goes_by_two_way_sms_in_the_north_and_northeast_only(RuleBook.Mode mode) {
        RuleBook book = SalesExample.rules(mode);
        DueStep north = due(customer("+5592991234567", Map.of()), SalesExample.interestSurvey(), "survey", 1);
        DueStep northeastAgain = due(customer("+5581991234567", Map.of()), SalesExample.interestSurvey(), "survey-again", 3);
        DueStep southeast = due(customer("+5511987654321", Map.of()), SalesExample.interestSurvey(), "survey", 1);

        assertThat(book.evaluate(north)).firedExactly("North and Northeast answer the interest survey by two-way SMS")
                .concluded(north, ChannelChoice.class)
                .extracting(ChannelChoice::getChannel, ChannelChoice::getTemplate, ChannelChoice::getRank)
                .containsExactly(tuple(Channel.TWO_WAY_SMS, "interest-survey-sms", 1));
        assertThat(book.evaluate(northeastAgain)).concluded(northeastAgain, ChannelChoice.class)
                .extracting(ChannelChoice::getChannel).containsExactly(Channel.TWO_WAY_SMS);
        assertThat(book.evaluate(southeast)).concludedNothing();
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void a_lead_already_handed_to_an_agent_is_not_surveyed_again(RuleBook.Mode mode) {
        RuleBook book = SalesExample.rules(mode);
        Customer sp = customer("+5511987654321", Map.of());
        Cadence survey = SalesExample.interestSurvey();
        CadenceHarness h = harness();
        enrolled(h, sp, survey);
        h.advanceTo(MONDAY.plusDays(1).atTime(11, 1), SAO_PAULO);
        h.deliver(h.events().pressed("c-1", OFFER.key(), '1'));
        h.advanceTo(MONDAY.plusDays(1).atTime(12, 0), SAO_PAULO);
        Instant d3 = local(MONDAY.plusDays(3).atTime(11, 0), SAO_PAULO);
        DueStep interested = dueStep(h.journey(sp, OFFER, survey), survey, sp, "survey-again", d3);
        DueStep silent = due(sp, survey, "survey-again", 3);

        assertThat(book.evaluate(interested)).firedExactly("Leads already handed to an agent are not surveyed again")
                .concluded(interested, Skip.class).extracting(Skip::getReason).containsExactly("already-interested");
        assertThat(book.evaluate(silent)).concludedNothing();
    }
}
