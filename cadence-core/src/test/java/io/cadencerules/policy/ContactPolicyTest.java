package io.cadencerules.policy;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Consent;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.event.AccountNotice;
import io.cadencerules.event.CallOutcome;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyStatus;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

import static io.cadencerules.Fixtures.SAO_PAULO;
import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ContactPolicyTest {

    private static final Instant SET_UP = Fixtures.START.minus(Duration.ofDays(30));

    private final Customer ana = Customer.builder("c-1").name("Ana").phone("+5511987654321").email("ana@example.com")
            .zone(SAO_PAULO).addressState("SP")
            .consent(new Consent(Channel.SMS, Purpose.MARKETING, true, SET_UP))
            .build();
    private final Lead cart = new Lead("cart-7", Money.brl("199.90"), "headset");

    private static Instant sp(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(SAO_PAULO).toInstant();
    }

    private static LocalDate march(int day) {
        return LocalDate.of(2026, 3, day);
    }

    private CadenceHarness harness(ContactPolicy policy) {
        return harness(policy, b -> { });
    }

    private CadenceHarness harness(ContactPolicy policy, Consumer<CadenceEngine.Builder> more) {
        return CadenceHarness.startingAt(Fixtures.START).configure(b -> {
            b.policy(policy);
            more.accept(b);
        }).build();
    }

    private static List<HistoryEntry> entries(Journey journey, Kind kind) {
        return journey.history().stream().filter(e -> e.kind() == kind).toList();
    }

    @Test
    void a_collection_sms_due_on_a_sunday_waits_for_monday_morning_with_the_rule_named() {
        // due 10 Mar (Tue); D+5 is Sunday 15 Mar
        Cadence c = Cadence.collection("late").step("d5").at(days(5), LocalTime.of(10, 0)).sms("late").build();
        CadenceHarness h = harness(ContactPolicy.builder().build());
        h.enroll(ana, Fixtures.debt(), c);
        h.advance(Duration.ofDays(20));

        assertThat(h.sent()).extracting(ContactRequest::requestedAt).containsExactly(sp(march(16), 8, 0));
        HistoryEntry deferred = entries(h.journey(ana, Fixtures.debt(), c), Kind.DEFERRED).get(0);
        assertThat(deferred.reason()).isEqualTo(PolicyReasons.OUTSIDE_WINDOW);
        assertThat(deferred.detail()).contains("br-default@2026.1/national-hours").contains("America/Sao_Paulo");
    }

    @Test
    void good_friday_counts_as_a_holiday_and_saturday_has_its_short_window() {
        // D+24 is Good Friday, 3 Apr 2026; Saturday 4 Apr is open 08-14h
        Cadence c = Cadence.collection("late").step("gf").at(days(24), LocalTime.of(10, 0)).sms("late").build();
        CadenceHarness h = harness(ContactPolicy.builder().build());
        h.enroll(ana, Fixtures.debt(), c);
        h.advance(Duration.ofDays(40));
        assertThat(h.sent()).extracting(ContactRequest::requestedAt).containsExactly(sp(LocalDate.of(2026, 4, 4), 8, 0));
    }

    @Test
    void a_municipal_date_applies_to_a_person_placed_in_that_municipality() {
        LocalityResolver inSaoPauloCity = c -> List.of(new Locality("BR", "SP-3550308", SAO_PAULO, "CEP 01310-100"));
        HolidayCalendar withCityDay = HolidayCalendar.standard()
                .withExtraDates("BR", "SP-3550308", "city blackout", List.of(march(11)));
        Cadence c = Cadence.collection("late").step("d1").at(days(1), LocalTime.of(10, 0)).voiceBlast("late").build();
        CadenceHarness h = harness(ContactPolicy.builder().localities(inSaoPauloCity).holidays(withCityDay).build());
        h.enroll(ana, Fixtures.debt(), c);
        h.advance(Duration.ofDays(15));

        assertThat(h.sent()).extracting(ContactRequest::requestedAt).containsExactly(sp(march(12), 8, 0));
        assertThat(entries(h.journey(ana, Fixtures.debt(), c), Kind.DEFERRED)).extracting(HistoryEntry::detail)
                .singleElement().asString().contains("br-default@2026.1/national-hours");
    }

    @Test
    void a_marketing_contact_outside_the_window_is_dropped_but_a_collection_one_is_deferred() {
        Cadence sales = Cadence.sales("offer").step("late-night").at(days(10), LocalTime.of(22, 0)).sms("offer")
                .step("next").at(days(12), LocalTime.of(10, 0)).sms("offer-2").build();
        CadenceHarness h = harness(ContactPolicy.builder().build());
        h.enroll(ana, cart, sales);
        h.advance(Duration.ofDays(15));

        assertThat(h.sent()).extracting(ContactRequest::stepId).containsExactly("next");
        assertThat(entries(h.journey(ana, cart, sales), Kind.BLOCKED)).extracting(HistoryEntry::stepId, HistoryEntry::reason)
                .containsExactly(tuple("late-night", PolicyReasons.OUTSIDE_WINDOW));
    }

    @Test
    void a_cadence_may_defer_where_its_purpose_would_drop() {
        Cadence sales = Cadence.sales("offer").step("late-night").at(days(10), LocalTime.of(22, 0)).sms("offer").build();
        CadenceHarness h = harness(ContactPolicy.builder().outsideWindow("offer", PolicyPack.OutsideWindow.DEFER).build());
        h.enroll(ana, cart, sales);
        h.advance(Duration.ofDays(15));
        assertThat(h.sent()).extracting(ContactRequest::requestedAt).containsExactly(sp(march(12), 8, 0));
    }

    @Test
    void nao_me_perturbe_blocks_a_sales_cadence_but_not_a_collection_cadence() {
        SuppressionList nmp = SuppressionLists.inMemory("nao-me-perturbe").purposes(Purpose.MARKETING)
                .channels(Channel.SMS, Channel.TWO_WAY_SMS, Channel.VOICE_BLAST, Channel.OUTBOUND_IVR, Channel.AGENT)
                .refreshedAt(Fixtures.START).add("+5511987654321", SET_UP).build();
        Cadence collection = Cadence.collection("late").step("d1").at(days(1), LocalTime.of(10, 0)).sms("late").build();
        Cadence sales = Cadence.sales("offer").step("s1").at(days(10), LocalTime.of(15, 0)).sms("offer").build();
        CadenceHarness h = harness(ContactPolicy.builder().suppression(nmp).build());
        h.enroll(ana, Fixtures.debt(), collection);
        h.enroll(ana, cart, sales);
        h.advance(Duration.ofDays(15));

        assertThat(h.sent()).extracting(r -> r.journeyId().cadenceId()).containsExactly("late");
        assertThat(entries(h.journey(ana, cart, sales), Kind.SKIPPED)).extracting(HistoryEntry::reason, HistoryEntry::detail)
                .containsExactly(tuple(PolicyReasons.SUPPRESSED, "list nao-me-perturbe since " + SET_UP));
    }

    @Test
    void a_suppression_list_older_than_its_freshness_limit_stops_what_it_covers() {
        SuppressionList stale = SuppressionLists.inMemory("dnc").purposes(Purpose.COLLECTION).maxAge(Duration.ofDays(5))
                .refreshedAt(Fixtures.START).build();
        Cadence c = Cadence.collection("late").step("d1").at(days(1), LocalTime.of(10, 0)).sms("late").build();
        CadenceHarness h = harness(ContactPolicy.builder().suppression(stale).build());
        h.enroll(ana, Fixtures.debt(), c);
        h.advance(Duration.ofDays(15));
        assertThat(h.sent()).isEmpty();
        assertThat(entries(h.journey(ana, Fixtures.debt(), c), Kind.SKIPPED)).extracting(HistoryEntry::reason)
                .containsExactly(PolicyReasons.SUPPRESSION_LIST_STALE);
    }

    private final Cadence smsSmsEmailVoice = Cadence.collection("late")
            .step("d1").at(days(1), LocalTime.of(10, 0)).sms("late")
            .step("d2").at(days(2), LocalTime.of(10, 0)).sms("late-2")
            .step("d3").at(days(3), LocalTime.of(10, 0)).email("late-3")
            .step("d4").at(days(4), LocalTime.of(10, 0)).voiceBlast("late-4").build();

    @Test
    void replying_parar_stops_sms_at_once_and_other_channels_go_on() {
        CadenceHarness h = harness(ContactPolicy.builder().build());
        h.enroll(ana, Fixtures.debt(), smsSmsEmailVoice);
        h.advanceTo(sp(march(11), 12, 0));
        assertThat(h.deliver(h.events().replied("c-1", "inv-9", Channel.SMS, "Parar!")).outcome()).isNotNull();
        h.advance(Duration.ofDays(10));

        assertThat(h.sent()).extracting(ContactRequest::stepId, ContactRequest::channel).containsExactly(
                tuple("d1", Channel.SMS), tuple("d3", Channel.EMAIL), tuple("d4", Channel.VOICE_BLAST));
        HistoryEntry skipped = entries(h.journey(ana, Fixtures.debt(), smsSmsEmailVoice), Kind.SKIPPED).get(0);
        assertThat(skipped.stepId()).isEqualTo("d2");
        assertThat(skipped.reason()).isEqualTo(PolicyReasons.OPTED_OUT);
        assertThat(skipped.detail()).contains("reply 'PARAR' on SMS");
    }

    @Test
    void a_stop_reply_is_recorded_even_when_the_person_cannot_be_placed() {
        LocalityResolver broken = c -> {
            throw new IllegalStateException("address service down");
        };
        ContactPolicy policy = ContactPolicy.builder().localities(broken).build();
        CadenceHarness h = harness(policy);
        h.deliver(h.events().replied("c-1", null, Channel.SMS, "PARAR"));
        assertThat(policy.ledger().entries("c-1")).singleElement().isInstanceOfSatisfying(ContactEntry.OptOut.class,
                out -> assertThat(out.channel()).isEqualTo(Channel.SMS));
    }

    @Test
    void a_pack_whose_opt_out_covers_every_channel_stops_them_all() {
        PolicyPack base = PolicyPacks.standard().all().stream().filter(p -> p.id().equals("br-default")).findFirst().orElseThrow();
        PolicyPack allChannels = new PolicyPack(base.id(), base.version(), base.effectiveFrom(), base.effectiveTo(),
                base.jurisdiction(), base.description(), base.sources(), base.windows(), base.caps(),
                base.quietAfterConversation(), base.consentRequired(), base.stopKeywords(),
                PolicyPack.OptOutScope.ALL_CHANNELS, base.outsideWindow());
        CadenceHarness h = harness(ContactPolicy.builder().packs(PolicyPacks.standard().with(allChannels)).build());
        h.enroll(ana, Fixtures.debt(), smsSmsEmailVoice);
        h.advanceTo(sp(march(11), 12, 0));
        h.deliver(h.events().replied("c-1", "inv-9", Channel.SMS, "sair"));
        h.advance(Duration.ofDays(10));
        assertThat(h.sent()).extracting(ContactRequest::stepId).containsExactly("d1");
    }

    @Test
    void two_cadences_due_at_the_same_instant_share_the_one_sms_a_day_cap() {
        Cadence collection = Cadence.collection("late").step("d1").at(days(1), LocalTime.of(10, 0)).sms("late").build();
        // the sales cadence's day 0 is the enrolment day (1 Mar): day 10 is the collection D+1
        Cadence sales = Cadence.sales("offer").step("s0").at(days(10), LocalTime.of(10, 0)).sms("offer").build();
        CadenceHarness h = harness(ContactPolicy.builder().build());
        h.enroll(ana, Fixtures.debt(), collection);
        h.enroll(ana, cart, sales);
        h.advance(Duration.ofDays(15));

        List<Instant> times = h.sent().stream().map(ContactRequest::requestedAt).sorted().toList();
        assertThat(times).containsExactly(sp(march(11), 10, 0), sp(march(12), 10, 0));
        long capped = h.sent().size() == 2 ? java.util.stream.Stream.of(h.journey(ana, Fixtures.debt(), collection),
                h.journey(ana, cart, sales)).flatMap(j -> entries(j, Kind.DEFERRED).stream())
                .filter(e -> e.reason().equals(PolicyReasons.FREQUENCY_CAP)
                        && e.detail().contains("br-default@2026.1/one-sms-a-day: 1 of 1 in PT24H")).count() : -1;
        assertThat(capped).isEqualTo(1);
    }

    @Test
    void a_rejected_sms_does_not_count_against_the_cap() {
        Cadence collection = Cadence.collection("late").step("d1").at(days(1), LocalTime.of(10, 0)).sms("late").build();
        Cadence sales = Cadence.sales("offer").step("s0").at(days(10), LocalTime.of(10, 0)).sms("offer").build();
        ContactPolicy policy = ContactPolicy.builder().build();
        CadenceHarness h = harness(policy);
        h.channel(Channel.SMS).answerNext(io.cadencerules.channel.DispatchResult.rejected("invalid number"));
        h.enroll(ana, Fixtures.debt(), collection);
        h.enroll(ana, cart, sales);
        h.advance(Duration.ofDays(15));

        // had the rejected one counted, the other would have waited for 12 Mar
        assertThat(h.channel(Channel.SMS).offers()).isEqualTo(2);
        assertThat(h.sent()).extracting(ContactRequest::requestedAt).containsExactly(sp(march(11), 10, 0));
        assertThat(policy.ledger().entries("c-1")).filteredOn(e -> e instanceof ContactEntry.Attempt).hasSize(1);
    }

    @Test
    void a_cease_request_ends_every_collection_journey_of_the_person_and_not_the_sales_one() {
        Cadence collection = Cadence.collection("late").step("d1").at(days(1), LocalTime.of(10, 0)).sms("late").build();
        Cadence sales = Cadence.sales("offer").step("s0").at(days(20), LocalTime.of(10, 0)).sms("offer").build();
        io.cadencerules.customer.Debt other = io.cadencerules.customer.Debt.of("inv-2", Money.brl("80.00"), march(20));
        CadenceHarness h = harness(ContactPolicy.builder().build());
        h.enroll(ana, Fixtures.debt(), collection);
        h.enroll(ana, other, collection);
        h.enroll(ana, cart, sales);
        h.deliver(new AccountNotice("n-1", h.now(), "c-1", "inv-9", AccountNotice.Kind.CEASE, "letter received"));

        assertThat(h.journey(ana, Fixtures.debt(), collection).status()).isEqualTo(JourneyStatus.EXITED);
        assertThat(h.journey(ana, other, collection).status()).isEqualTo(JourneyStatus.EXITED);
        assertThat(h.journey(ana, other, collection).statusReason()).isEqualTo(PolicyReasons.CEASE_REQUEST);
        h.advance(Duration.ofDays(30));
        assertThat(h.sent()).extracting(r -> r.journeyId().cadenceId()).containsExactly("offer");
    }

    @Test
    void a_collection_journey_enrolled_after_a_cease_request_never_contacts() {
        Cadence collection = Cadence.collection("late").step("d1").at(days(1), LocalTime.of(10, 0)).sms("late").build();
        ContactPolicy policy = ContactPolicy.builder().build();
        CadenceHarness h = harness(policy);
        h.deliver(new AccountNotice("n-1", h.now(), "c-1", null, AccountNotice.Kind.CEASE, ""));
        h.enroll(ana, Fixtures.debt(), collection);
        h.advance(Duration.ofDays(15));
        assertThat(h.sent()).isEmpty();
        assertThat(h.journey(ana, Fixtures.debt(), collection).status()).isEqualTo(JourneyStatus.EXITED);
    }

    @Test
    void a_dispute_pauses_only_the_disputed_debt() {
        Cadence collection = Cadence.collection("late").step("d1").at(days(1), LocalTime.of(10, 0)).sms("late").build();
        io.cadencerules.customer.Debt other = io.cadencerules.customer.Debt.of("inv-2", Money.brl("80.00"), march(10));
        CadenceHarness h = harness(ContactPolicy.builder().build());
        h.enroll(ana, Fixtures.debt(), collection);
        h.enroll(ana, other, collection);
        h.deliver(new AccountNotice("n-1", h.now(), "c-1", "inv-9", AccountNotice.Kind.DISPUTE, ""));
        assertThat(h.journey(ana, Fixtures.debt(), collection).status()).isEqualTo(JourneyStatus.PAUSED);
        assertThat(h.journey(ana, other, collection).status()).isEqualTo(JourneyStatus.ACTIVE);
    }

    @Test
    void marketing_needs_a_consent_for_the_channel() {
        Customer noConsent = Customer.builder("c-2").phone("+5511911112222").email("bo@example.com").zone(SAO_PAULO).build();
        Cadence sales = Cadence.sales("offer").step("s0").at(days(10), LocalTime.of(10, 0)).sms("offer")
                .fallbackTo(Channel.EMAIL, "offer-mail").build();
        CadenceHarness h = harness(ContactPolicy.builder().build());
        h.enroll(noConsent, cart, sales);
        h.advance(Duration.ofDays(15));
        assertThat(h.sent()).isEmpty();
        assertThat(entries(h.journey(noConsent, cart, sales), Kind.SKIPPED)).extracting(HistoryEntry::channel, HistoryEntry::reason)
                .containsExactly(tuple(Channel.SMS, PolicyReasons.NO_CONSENT), tuple(Channel.EMAIL, PolicyReasons.NO_CONSENT));
    }

    @Test
    void a_person_no_pack_covers_is_not_contacted_unless_allowed() {
        Customer lisbon = Customer.builder("c-3").phone("+351912345678").zone(ZoneId.of("Europe/Lisbon")).addressState("PT-11").build();
        Cadence c = Cadence.collection("late").step("d1").at(days(1), LocalTime.of(10, 0)).sms("late").build();
        CadenceHarness h = harness(ContactPolicy.builder().build());
        h.enroll(lisbon, Fixtures.debt(), c);
        h.advance(Duration.ofDays(15));
        assertThat(h.sent()).isEmpty();
        assertThat(entries(h.journey(lisbon, Fixtures.debt(), c), Kind.BLOCKED)).extracting(HistoryEntry::reason)
                .containsExactly(PolicyReasons.NO_POLICY_PACK);
    }

    @Test
    void regulation_f_defers_calls_for_seven_days_after_a_conversation_and_counts_seven_calls_a_week() {
        ZoneId ny = ZoneId.of("America/New_York");
        Customer bob = Customer.builder("us-1").phone("+12125550123").zone(ny).addressState("US-NY").build();
        Cadence daily = Cadence.collection("calls").horizon(60)
                .step("c1").at(days(1), LocalTime.of(10, 0)).voiceBlast("v")
                .step("c2").at(days(2), LocalTime.of(10, 0)).voiceBlast("v")
                .step("c3").at(days(3), LocalTime.of(10, 0)).voiceBlast("v").build();
        ContactPolicy policy = ContactPolicy.builder().localities(LocalityResolver.explicit("US", ny)).build();
        CadenceHarness h = harness(policy);
        h.enroll(bob, Fixtures.debt(), daily);
        // a conversation on 11 Mar (day 1 of 7): no calls until 18 Mar 00:00 New York time
        h.advanceTo(LocalDateTime.of(2026, 3, 11, 12, 0), ny);
        h.deliver(h.events().call("us-1", "inv-9", Channel.AGENT, CallOutcome.Result.ANSWERED));
        h.advance(Duration.ofDays(20));

        // c2 waits for 18 Mar 08:00 (the end of the quiet days, moved on to the window); c3's day has passed by then, so it is stale
        assertThat(h.sent()).extracting(ContactRequest::stepId, ContactRequest::requestedAt).containsExactly(
                tuple("c1", LocalDate.of(2026, 3, 11).atTime(10, 0).atZone(ny).toInstant()),
                tuple("c2", LocalDate.of(2026, 3, 18).atTime(8, 0).atZone(ny).toInstant()));
        assertThat(entries(h.journey(bob, Fixtures.debt(), daily), Kind.DEFERRED)).extracting(HistoryEntry::reason)
                .containsExactly(PolicyReasons.QUIET_AFTER_CONVERSATION);
    }

    @Test
    void regulation_f_allows_seven_calls_in_seven_days_per_debt() {
        ZoneId ny = ZoneId.of("America/New_York");
        Customer bob = Customer.builder("us-1").phone("+12125550123").zone(ny).addressState("US-NY").build();
        var builder = Cadence.collection("calls");
        for (int day = 1; day <= 2; day++) {
            for (int hour : new int[]{9, 12, 15, 18}) {
                builder.step("c" + day + "-" + hour).at(days(day), LocalTime.of(hour, 0)).voiceBlast("v");
            }
        }
        builder.step("later").at(days(9), LocalTime.of(10, 0)).voiceBlast("v");
        Cadence calls = builder.build();
        CadenceHarness h = harness(ContactPolicy.builder().localities(LocalityResolver.explicit("US", ny)).build());
        h.enroll(bob, Fixtures.debt(), calls);
        h.advance(Duration.ofDays(20));

        // the 8th call would be the 8th in 7 days: it waits until the 1st leaves the window (18 Mar 09:00)
        assertThat(h.sent()).hasSize(9);
        assertThat(h.sent().get(7).stepId()).isEqualTo("c2-18");
        assertThat(h.sent().get(7).requestedAt()).isEqualTo(LocalDate.of(2026, 3, 18).atTime(9, 0).atZone(ny).toInstant());
        assertThat(entries(h.journey(bob, Fixtures.debt(), calls), Kind.DEFERRED)).extracting(HistoryEntry::detail)
                .anySatisfy(d -> assertThat(d).contains("us-regf@2026.1/regf-7-calls-in-7-days: 7 of 7 in PT168H"));
    }
}
