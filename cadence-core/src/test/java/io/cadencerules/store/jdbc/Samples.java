package io.cadencerules.store.jdbc;

import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Appointment;
import io.cadencerules.customer.Consent;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.GenericSubject;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.customer.Subject;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Journeys and customers that use every kind of value the payload must keep exactly. */
final class Samples {

    static final Instant T = Instant.parse("2026-03-01T12:00:00.123456789Z");

    private Samples() {
    }

    /** One subject of each kind, with money of odd scales and optional parts present and absent. */
    static List<Subject> subjects() {
        return List.of(
                new Debt("inv-1", Money.brl("1234.50"), LocalDate.of(2026, 3, 10), "card"),
                Debt.of("inv-2", new Money(new BigDecimal("1E+3"), Money.BRL), LocalDate.of(2026, 3, 10)),
                new Lead("cart-9", Money.of("99.9000", "USD"), "plan"),
                new Appointment("ap-1", LocalDateTime.of(2026, 3, 12, 14, 30, 15, 123_000_000), "clinic, room 3"),
                new GenericSubject("reg-1", "registration", null, null, null),
                new GenericSubject("reg-2", "birthday", LocalDate.of(2026, 4, 1), Money.of("0.00", "EUR"),
                        Map.of("gift", "voucher", "tier", "gold")));
    }

    /** A live journey with a rich history: every entry shape, costs, nanoseconds, a hand-off. */
    static Journey active(Subject subject, long version) {
        List<HistoryEntry> history = List.of(
                new HistoryEntry(T, Kind.ENROLLED, null, null, 0, "enrolled", null, null),
                new HistoryEntry(T.plusSeconds(60), Kind.SENT, "d-3-email", Channel.EMAIL, 1, "sent", "provider-id 42", Money.brl("0.0050")),
                new HistoryEntry(T.plusSeconds(120), Kind.DEFERRED, "d0-sms", Channel.SMS, 2, "quiet-hours", "until 08:00 – ação", null),
                new HistoryEntry(T.plusNanos(1), Kind.EVENT, null, null, 0, "payment-received", "ev-1\n\"quoted\" \\ {}", null),
                new HistoryEntry(T.plusSeconds(180), Kind.ERROR, null, Channel.AGENT, 0, "engine-error", "", Money.of("1E-7", "USD")));
        return new Journey(new JourneyId("c-1", subject.key(), "card-late", 3), 2, subject, ZoneId.of("America/Manaus"),
                JourneyStatus.ACTIVE, "promise-broken", T, T.plusNanos(999), 2, 3, 4, 2, 1, "negotiation",
                T.plusNanos(123_456_789), null, Set.of("high-balance", "vip", "ação"), history, Money.brl("1.2350"), version);
    }

    /** An ended journey: no due time, an end time, a zone given as an offset, nothing spent. */
    static Journey converted(Subject subject) {
        return new Journey(new JourneyId("c-2", subject.key(), "card-late", 1), 1, subject, ZoneOffset.ofHours(-3),
                JourneyStatus.CONVERTED, "payment-received", T, null, 0, -1, -1, 0, 0, null, null, T.plusSeconds(5), Set.of(),
                List.of(), null, 1);
    }

    /** A customer with every part filled in. */
    static Customer full() {
        return Customer.builder("c-1").name("Ana Lúcia \"Nina\"").phone("+5511987654321").email("ana@example.com")
                .whatsapp("+5592987654321").locale(Locale.forLanguageTag("pt-BR")).zone("America/Manaus").addressState("am")
                .attribute("plan", "gold").attribute("empty", "")
                .consent(new Consent(Channel.WHATSAPP, Purpose.MARKETING, false, T))
                .consent(new Consent(Channel.SMS, Purpose.COLLECTION, true, T.plusNanos(5)))
                .segments("high-balance", "vip").build();
    }

    /** A customer with only an id, and customers with locales a language tag alone would not give back. */
    static List<Customer> others() {
        return List.of(
                Customer.builder("c-2").build(),
                Customer.builder("c-3").locale(new Locale("no", "NO", "NY")).build(),
                Customer.builder("c-4").locale(new Locale("ja", "JP", "JP")).build(),
                Customer.builder("c-5").locale(Locale.forLanguageTag("sr-Latn-RS")).zone(ZoneId.of("UTC")).build());
    }
}
