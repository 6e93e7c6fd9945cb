package io.cadencerules.store;

import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.GenericSubject;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.HistoryEntry.Kind;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class JourneyCodecTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private final JourneyCodec.Vocabulary vocabulary = new JourneyCodec.Vocabulary();

    private Journey roundTrip(Journey journey) {
        byte[] bytes = JourneyCodec.encode(journey, vocabulary);
        Journey back = JourneyCodec.decode(bytes, journey.customerId(), journey.subject(), vocabulary);
        assertThat(back).isEqualTo(journey);
        assertThat(back.history()).containsExactlyElementsOf(journey.history());
        JourneyCodec.Header header = JourneyCodec.header(bytes);
        assertThat(header.version()).isEqualTo(journey.version());
        assertThat(header.run()).isEqualTo(journey.id().run());
        assertThat(header.status()).isEqualTo(journey.status());
        assertThat(vocabulary.names.value(header.cadence())).isEqualTo(journey.cadenceId());
        return back;
    }

    @Test
    void a_journey_with_every_field_set_comes_back_equal() {
        Debt debt = Debt.of("inv-1", Money.brl("1234.50"), LocalDate.of(2026, 3, 10));
        List<HistoryEntry> history = List.of(
                new HistoryEntry(T0, Kind.ENROLLED, null, null, 0, "enrolled", "path=A", null),
                new HistoryEntry(T0.plusSeconds(86_400), Kind.SENT, "d-1-sms", Channel.SMS, 1, "accepted", "p-1",
                        new Money(new BigDecimal("0.0700"), Money.BRL)),
                new HistoryEntry(T0.plusSeconds(86_401), Kind.FAILED, "d+1-sms", Channel.SMS, 2, "provider-failed",
                        "timeout — tentará de novo às 10h", null),
                new HistoryEntry(T0.plusSeconds(90_000).plusNanos(123_456_789), Kind.DEFERRED, "d+1-sms", Channel.SMS, 3,
                        "quiet-hours", "until 2026-03-03T11:00:00Z", null),
                new HistoryEntry(T0.minusSeconds(30), Kind.EVENT, null, Channel.OUTBOUND_IVR, 0, "key-pressed", "", null),
                new HistoryEntry(T0.plusSeconds(200_000), Kind.SENT, "d+5-ivr", Channel.AGENT, 1, "branch",
                        "negotiation p-2", new Money(new BigDecimal("123456789012345678901234567890.12"),
                        Currency.getInstance("USD"))),
                new HistoryEntry(T0.plusSeconds(200_000), Kind.ERROR, null, null, -1, "engine-error", "x".repeat(300), null));
        Journey journey = new Journey(new JourneyId("c-1", "inv-1", "collection", 3), 7, debt, ZoneId.of("America/Noronha"),
                JourneyStatus.PAUSED, "promise-to-pay", T0.plusNanos(5), T0.minusSeconds(7 * 86_400), 2, 4, 3, 2, 1,
                "negotiation", T0.plusSeconds(300_000).plusNanos(1), null, Set.of("high-balance", "path:A"), history,
                new Money(new BigDecimal("-0.07"), Money.BRL), 42);
        roundTrip(journey);
    }

    @Test
    void a_journey_with_every_nullable_field_null_comes_back_equal() {
        Lead lead = new Lead("cart-9", Money.brl("0"), "");
        Journey journey = new Journey(new JourneyId("c-2", "cart-9", "abandoned-cart", 1), 1, lead, ZoneId.of("UTC"),
                JourneyStatus.EXITED, "exit-event", T0, null, 0, -1, -1, 0, 0, null, null, T0.plusSeconds(59), Set.of(),
                List.of(), null, 1);
        roundTrip(journey);
    }

    @Test
    void the_subject_key_of_the_id_is_kept_when_it_differs_from_the_subject() {
        GenericSubject subject = new GenericSubject("visit-1", "visit", LocalDate.of(2026, 4, 1), null, Map.of());
        Journey journey = new Journey(new JourneyId("c-3", "other-key", "care", 2), 1, subject, ZoneId.of("Europe/Lisbon"),
                JourneyStatus.ACTIVE, "step-due", T0, T0, 0, 0, 0, 1, 0, null, T0, null, Set.of(), List.of(), null, 3);
        assertThat(roundTrip(journey).id().subjectKey()).isEqualTo("other-key");
        assertThat(JourneyCodec.header(JourneyCodec.encode(journey, vocabulary)).subjectKey()).isEqualTo("other-key");
    }

    @Test
    void the_header_gives_the_due_time_rounded_up_to_the_millisecond() {
        Debt debt = Debt.of("inv-1", Money.brl("1.00"), LocalDate.of(2026, 3, 10));
        Journey exact = new Journey(new JourneyId("c", "inv-1", "cad", 1), 1, debt, ZoneId.of("UTC"), JourneyStatus.ACTIVE,
                "enrolled", T0.plusNanos(999), T0, 0, 0, 0, 1, 0, null, T0.plusSeconds(3600), null, Set.of(), List.of(), null, 1);
        assertThat(JourneyCodec.header(JourneyCodec.encode(exact, vocabulary)).dueMillis())
                .isEqualTo(T0.plusSeconds(3600).toEpochMilli());
        Journey fractional = exact.edit().build();
        Journey.Edit e = fractional.edit();
        e.dueAt = T0.plusNanos(1_500_000);
        Journey later = e.build();
        assertThat(JourneyCodec.header(JourneyCodec.encode(later, vocabulary)).dueMillis()).isEqualTo(T0.toEpochMilli() + 2);
        Journey ended = later.edit().end(JourneyStatus.COMPLETED, "horizon-reached", T0).build();
        assertThat(JourneyCodec.header(JourneyCodec.encode(ended, vocabulary)).dueMillis()).isEqualTo(JourneyCodec.NO_DUE);
    }

    @Test
    void a_detail_seen_twice_is_shared_and_the_encoding_stays_exact() {
        Debt debt = Debt.of("inv-1", Money.brl("1.00"), LocalDate.of(2026, 3, 10));
        HistoryEntry skipped = new HistoryEntry(T0, Kind.SKIPPED, "d+10-agent", Channel.AGENT, 1, "condition-not-met",
                "segment 'high-balance'", null);
        Journey journey = new Journey(new JourneyId("c", "inv-1", "cad", 1), 1, debt, ZoneId.of("UTC"), JourneyStatus.ACTIVE,
                "enrolled", T0, T0, 0, 0, 0, 1, 0, null, T0, null, Set.of(), List.of(skipped), null, 1);
        byte[] first = JourneyCodec.encode(journey, vocabulary);
        byte[] second = JourneyCodec.encode(journey, vocabulary);
        byte[] third = JourneyCodec.encode(journey, vocabulary);
        assertThat(second.length).as("the second sighting promotes it").isLessThan(first.length);
        assertThat(third).isEqualTo(second);
        for (byte[] bytes : List.of(first, second, third)) {
            assertThat(JourneyCodec.decode(bytes, "c", debt, vocabulary)).isEqualTo(journey);
        }
    }

    @Test
    void a_version_that_appends_entries_reuses_their_bytes_and_encodes_the_same() {
        Debt debt = Debt.of("inv-1", Money.brl("1.00"), LocalDate.of(2026, 3, 10));
        Journey v1 = new Journey(new JourneyId("c", "inv-1", "cad", 1), 1, debt, ZoneId.of("America/Manaus"),
                JourneyStatus.ACTIVE, "enrolled", T0.plusNanos(7), T0, 0, 0, 0, 1, 0, null, T0.plusSeconds(3600), null, Set.of(),
                List.of(new HistoryEntry(T0.plusNanos(7), Kind.ENROLLED, null, null, 0, "enrolled", "", null)), null, 1);
        JourneyCodec.Encoded base = JourneyCodec.decodeEncoded(JourneyCodec.encode(v1, vocabulary), "c", debt, vocabulary);
        Journey.Edit e = base.journey().edit();
        e.record(new HistoryEntry(T0.plusSeconds(3600), Kind.SENT, "d-5-email", Channel.EMAIL, 1, "accepted", "p-9",
                Money.brl("0.01")));
        e.dueAt = T0.plusSeconds(7200);
        Journey v2 = e.build();

        JourneyCodec.Encoded appended = JourneyCodec.encode(v2, vocabulary, base);
        assertThat(JourneyCodec.decode(appended.bytes(), "c", debt, vocabulary)).isEqualTo(v2);
        assertThat(JourneyCodec.decode(JourneyCodec.encode(v2, vocabulary), "c", debt, vocabulary)).isEqualTo(v2);
        int baseEntries = base.bytes().length - base.entries();
        assertThat(Arrays.copyOfRange(appended.bytes(), appended.entries(), appended.entries() + baseEntries))
                .as("the base's entries are copied, not encoded again")
                .isEqualTo(Arrays.copyOfRange(base.bytes(), base.entries(), base.bytes().length));

        Journey unrelated = new Journey(v2.id(), 1, debt, v2.zone(), JourneyStatus.ACTIVE, "enrolled", T0.plusNanos(7), T0, 0,
                0, 0, 1, 0, null, T0, null, Set.of(), List.of(new HistoryEntry(T0, Kind.ENROLLED, null, null, 0, "enrolled",
                "other", null)), null, 2);
        assertThat(JourneyCodec.decode(JourneyCodec.encode(unrelated, vocabulary, base).bytes(), "c", debt, vocabulary))
                .as("entries that are not the base's are encoded afresh").isEqualTo(unrelated);
    }

    @Test
    void an_enrolled_collection_journey_takes_few_bytes() {
        Debt debt = Debt.of("inv-0000001", Money.brl("150.00"), LocalDate.of(2026, 3, 10));
        List<HistoryEntry> history = List.of(
                new HistoryEntry(T0, Kind.ENROLLED, null, null, 0, "enrolled", "", null),
                new HistoryEntry(T0.plusSeconds(86_400), Kind.SENT, "d-5-email", Channel.EMAIL, 1, "accepted", "p-123456", null),
                new HistoryEntry(T0.plusSeconds(5 * 86_400), Kind.SENT, "d-1-sms", Channel.SMS, 1, "accepted", "p-234567", null));
        Journey journey = new Journey(new JourneyId("c-0000001", "inv-0000001", "collection", 1), 1, debt,
                ZoneId.of("America/Sao_Paulo"), JourneyStatus.ACTIVE, "step-due", T0, T0.plusSeconds(6 * 86_400), 0, 2, 2, 1, 0,
                null, T0.plusSeconds(7 * 86_400), null, Set.of(), history, null, 3);
        byte[] bytes = JourneyCodec.encode(journey, vocabulary);
        assertThat(bytes.length).isLessThanOrEqualTo(64);
        assertThat(JourneyCodec.decode(bytes, "c-0000001", debt, vocabulary)).isEqualTo(journey);
    }
}
