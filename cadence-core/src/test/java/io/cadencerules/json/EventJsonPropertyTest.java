package io.cadencerules.json;

import io.cadencerules.Fixtures;
import io.cadencerules.engine.EventReceipt;
import io.cadencerules.testkit.CadenceHarness;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever arrives as an event, the engine answers with a receipt and records every rejection. */
class EventJsonPropertyTest {

    @Property(tries = 300)
    void any_text_gets_a_receipt_and_rejections_are_recorded(@ForAll("eventLikeJson") String json) {
        CadenceHarness h = CadenceHarness.startingAt(Fixtures.START).build();
        h.enroll(Fixtures.ana(), Fixtures.debt(), Fixtures.cardLate());

        EventReceipt receipt = h.engine().handleJson(json);

        assertThat(receipt).isNotNull();
        if (receipt.outcome() == EventReceipt.Outcome.REJECTED) {
            assertThat(h.engine().rejections()).hasSize(1);
            assertThat(receipt.detail()).isNotBlank();
            if (receipt.reason().equals("malformed")) {
                assertThat(receipt.detail()).startsWith("$");
            }
        }
        assertThat(h.journey(Fixtures.ana(), Fixtures.debt(), Fixtures.cardLate()).history()).isNotEmpty();
    }

    @Provide
    Arbitrary<String> eventLikeJson() {
        Arbitrary<String> type = Arbitraries.of("PAYMENT_RECEIVED", "KEY_PRESSED", "REPLY_RECEIVED", "OPT_OUT",
                "ACCOUNT_NOTICE", "CUSTOM", "BOGUS", "");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> "\"" + s.replace("\\", "").replace("\"", "") + "\""),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("null", "true", "{}", "[]", "\"2026-03-05T10:00:00Z\"", "\"c-1\"", "\"inv-9\"", "\"1\"",
                        "{\"amount\":\"10.00\",\"currency\":\"BRL\"}", "\"SMS\""));
        Arbitrary<String> field = Arbitraries.of("id", "occurredAt", "customerId", "subjectKey", "amount", "full",
                "digit", "text", "channel", "kind", "name", "payload", "extra");
        Arbitrary<String> pair = Combinators.combine(field, value).as((f, v) -> "\"" + f + "\":" + v);
        Arbitrary<String> wellFormed = Combinators.combine(type, pair.list().ofMaxSize(8))
                .as((t, pairs) -> "{\"type\":\"" + t + "\"" + (pairs.isEmpty() ? "" : "," + String.join(",", pairs)) + "}");
        Arbitrary<String> truncated = wellFormed.map(s -> s.substring(0, s.length() / 2));
        return Arbitraries.oneOf(wellFormed, truncated, Arbitraries.strings().ofMaxLength(40));
    }
}
