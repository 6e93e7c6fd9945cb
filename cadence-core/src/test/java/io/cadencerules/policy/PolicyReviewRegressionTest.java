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
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import static io.cadencerules.Fixtures.SAO_PAULO;
import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThat;

/** Regressions found reviewing the contact policy. */
class PolicyReviewRegressionTest {

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

    private static CadenceHarness harness(ContactPolicy policy) {
        return CadenceHarness.startingAt(Fixtures.START).configure(b -> b.policy(policy)).build();
    }

    @Test
    void an_attempt_reserved_by_an_instance_whose_clock_is_a_second_ahead_still_counts_against_the_cap() {
        InMemoryContactLedger ledger = new InMemoryContactLedger();
        Instant elsewhere = sp(march(11), 10, 0).plusSeconds(1);
        ledger.record("c-1", new ContactEntry.Attempt(elsewhere, Channel.SMS, Purpose.COLLECTION, "other", "other-node/s1/1"));
        Cadence c = Cadence.collection("late").step("d1").at(days(1), LocalTime.of(10, 0)).sms("late").build();
        CadenceHarness h = harness(ContactPolicy.builder().ledger(ledger).build());
        h.enroll(ana, Fixtures.debt(), c);
        h.advance(Duration.ofDays(15));

        assertThat(h.sent()).extracting(ContactRequest::requestedAt).containsExactly(elsewhere.plus(Duration.ofDays(1)));
    }

    @Test
    void a_marketing_contact_deferred_by_a_cap_into_closed_hours_goes_at_the_next_window_instead_of_being_dropped() {
        // sales day 0 is 1 Mar: day 12 is Friday 13 Mar, day 13 Saturday 14 Mar (open 08-14h)
        Cadence sales = Cadence.sales("offer").step("fri").at(days(12), LocalTime.of(19, 30)).sms("offer")
                .step("sat").at(days(13), LocalTime.of(10, 0)).sms("offer-2").build();
        CadenceHarness h = harness(ContactPolicy.builder().build());
        h.enroll(ana, cart, sales);
        h.advance(Duration.ofDays(20));

        // the cap frees Saturday 19:30, after Saturday's window: the next allowed instant is Monday 08:00
        assertThat(h.sent()).extracting(ContactRequest::stepId, ContactRequest::requestedAt)
                .containsExactly(org.assertj.core.api.Assertions.tuple("fri", sp(march(13), 19, 30)),
                        org.assertj.core.api.Assertions.tuple("sat", sp(march(16), 8, 0)));
    }

    private static final String MONTHLY_SMS = """
            { "id": "acme", "version": "1", "effectiveFrom": "2020-01-01",
              "jurisdiction": { "country": "BR", "regions": [] },
              "caps": [ { "id": "one-sms-in-40-days", "purposes": ["ALL"], "channels": ["SMS"], "per": "PERSON",
                          "max": 1, "window": "P40D" } ] }
            """;

    @Test
    void a_cap_longer_than_the_default_ledger_retention_still_counts_its_old_attempts() {
        PolicyPacks packs = PolicyPacks.of(java.util.List.of(PolicyPacks.read(MONTHLY_SMS, "acme.json")));
        // the e-mail on day 37 is recorded after the day-1 SMS is 35 days old
        Cadence c = Cadence.collection("late").horizon(60)
                .step("sms-1").at(days(1), LocalTime.of(10, 0)).sms("late")
                .step("mail").at(days(37), LocalTime.of(10, 0)).email("late")
                .step("sms-2").at(days(39), LocalTime.of(10, 0)).sms("late").build();
        CadenceHarness h = harness(ContactPolicy.builder().packs(packs).build());
        h.enroll(ana, Fixtures.debt(), c);
        h.advance(Duration.ofDays(60));

        assertThat(h.sent()).extracting(ContactRequest::stepId, ContactRequest::requestedAt).containsExactly(
                org.assertj.core.api.Assertions.tuple("sms-1", sp(march(11), 10, 0)),
                org.assertj.core.api.Assertions.tuple("mail", sp(LocalDate.of(2026, 4, 16), 10, 0)),
                org.assertj.core.api.Assertions.tuple("sms-2", sp(march(11), 10, 0).plus(Duration.ofDays(40))));
    }

    @Test
    void a_given_in_memory_ledger_shorter_than_a_cap_is_refused() {
        PolicyPacks packs = PolicyPacks.of(java.util.List.of(PolicyPacks.read(MONTHLY_SMS, "acme.json")));
        ContactPolicy.Builder b = ContactPolicy.builder().packs(packs).ledger(new InMemoryContactLedger(Duration.ofDays(35)));
        org.assertj.core.api.Assertions.assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("contact ledger retention must cover rule acme@1/one-sms-in-40-days of PT960H, but was PT840H");
    }
}
