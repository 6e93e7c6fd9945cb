package io.cadencerules.policy;

import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CostTableTest {

    private static CostTable read(String json) {
        return CostTable.fromJson(new StringReader(json), "costs.json");
    }

    @Test
    void the_standard_table_prices_every_channel_in_reais_and_the_agent_is_the_expensive_one() {
        CostTable standard = CostTable.standard();
        assertThat(standard.currency()).isEqualTo(Money.BRL);
        assertThat(standard.description()).containsIgnoringCase("illustrative");
        for (Channel channel : Channel.values()) {
            assertThat(standard.estimate(channel).currency()).isEqualTo(Money.BRL);
        }
        assertThat(standard.estimate(Channel.SMS)).isEqualTo(Money.brl("0.08"));
        assertThat(standard.estimate(Channel.EMAIL)).isEqualTo(Money.brl("0.005"));
        assertThat(standard.estimate(Channel.OUTBOUND_IVR)).isEqualTo(Money.brl("0.30"));
        assertThat(standard.estimate(Channel.AGENT)).isEqualTo(Money.brl("12.00"));
        for (Channel channel : Channel.values()) {
            if (channel != Channel.AGENT) {
                assertThat(standard.estimate(channel).amount()).as(channel.name())
                        .isLessThan(standard.estimate(Channel.AGENT).amount().divide(BigDecimal.TEN));
            }
        }
    }

    @Test
    void an_estimate_is_price_times_expected_units_rounded_to_four_places() {
        CostTable table = CostTable.of("t", Money.BRL,
                CostTable.Entry.of(Channel.OUTBOUND_IVR, CostTable.Unit.MINUTE, "0.0333", "1.5"),
                CostTable.Entry.of(Channel.SMS, CostTable.Unit.SEGMENT, "0.07", "2"),
                CostTable.Entry.of(Channel.EMAIL, CostTable.Unit.MESSAGE, "0.00123"));
        assertThat(table.estimate(Channel.OUTBOUND_IVR)).isEqualTo(Money.brl("0.05"));
        assertThat(table.estimate(Channel.SMS)).isEqualTo(Money.brl("0.14"));
        assertThat(table.estimate(Channel.EMAIL)).isEqualTo(Money.brl("0.0012"));
    }

    @Test
    void a_provider_has_its_own_price_and_the_default_provider_is_used_otherwise() {
        CostTable table = read("""
                {"name": "two-sms", "currency": "BRL", "entries": [
                  {"channel": "SMS", "unit": "SEGMENT", "price": 0.08},
                  {"channel": "SMS", "provider": "cheapo", "unit": "SEGMENT", "price": "0.05"}]}""");
        assertThat(table.estimate(Channel.SMS)).isEqualTo(Money.brl("0.08"));
        assertThat(table.estimate(Channel.SMS, "cheapo")).isEqualTo(Money.brl("0.05"));
    }

    @Test
    void a_channel_the_table_does_not_price_is_an_error_naming_the_table_and_channel() {
        CostTable table = CostTable.of("sms-only", Money.BRL, CostTable.Entry.of(Channel.SMS, CostTable.Unit.SEGMENT, "0.08"));
        assertThatThrownBy(() -> table.estimate(Channel.AGENT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cost table 'sms-only' has no price for channel AGENT from provider 'default'; it prices SMS");
        assertThatThrownBy(() -> table.estimate(Channel.SMS, "acme")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cost table 'sms-only' has no price for channel SMS from provider 'acme'; it prices SMS");
    }

    @Test
    void a_table_without_a_name_is_named_after_where_it_was_read() {
        CostTable table = read("{\"currency\": \"USD\", \"entries\": []}");
        assertThat(table.name()).isEqualTo("costs.json");
        assertThat(table.currency()).isEqualTo(Currency.getInstance("USD"));
    }

    private static final String SMS = "{\"channel\": \"SMS\", \"unit\": \"SEGMENT\"";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "negative price | {\"currency\": \"BRL\", \"entries\": [" + SMS + ", \"price\": -1}]}"
                    + " | costs.json $.entries[0]: SMS price must not be negative, but was -1",
            "zero units | {\"currency\": \"BRL\", \"entries\": [" + SMS + ", \"price\": 1, \"expectedUnits\": 0}]}"
                    + " | costs.json $.entries[0]: SMS expected units must be positive, but was 0",
            "missing price | {\"currency\": \"BRL\", \"entries\": [" + SMS + "}]}"
                    + " | costs.json $.entries[0].price: is required, but was missing or null",
            "missing unit | {\"currency\": \"BRL\", \"entries\": [{\"channel\": \"SMS\", \"price\": 1}]}"
                    + " | costs.json $.entries[0].unit: is required, but was missing or null",
            "segments for e-mail | {\"currency\": \"BRL\", \"entries\": [{\"channel\": \"EMAIL\", \"unit\": \"SEGMENT\", \"price\": 1}]}"
                    + " | costs.json $.entries[0]: EMAIL cannot be priced per SEGMENT: only SMS and TWO_WAY_SMS have segments",
            "twice | {\"currency\": \"BRL\", \"entries\": [" + SMS + ", \"price\": 1}, {\"channel\": \"SMS\", \"unit\": \"MESSAGE\", \"price\": 2}]}"
                    + " | costs.json $: cost table prices SMS from provider 'default' twice (entries 0 and 1)",
            "twice, named | {\"name\": \"acme\", \"currency\": \"BRL\", \"entries\": [" + SMS + ", \"price\": 1}, " + SMS + ", \"price\": 2}]}"
                    + " | costs.json $: cost table 'acme' prices SMS from provider 'default' twice (entries 0 and 1)",
            "blank name | {\"name\": \" \", \"currency\": \"BRL\", \"entries\": []}"
                    + " | costs.json $: cost table name must not be blank, but was ' '",
            "no currency | {\"entries\": []} | costs.json $.currency: is required, but was missing or null",
            "no entries | {\"currency\": \"BRL\"} | costs.json $.entries: is required, but was missing or null",
            "empty | ~~ | costs.json $: no JSON given",
    })
    void bad_json_is_refused_naming_the_path(String name, String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    /** Jackson's own wording, followed by the line and column (and enum constants in no fixed order). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "price as text | {\"currency\": \"BRL\", \"entries\": [" + SMS + ", \"price\": \"cheap\"}]}"
                    + " | costs.json $.entries[0].price: Cannot deserialize value of type `java.math.BigDecimal` from String \"cheap\": not a valid representation",
            "unknown channel | {\"currency\": \"BRL\", \"entries\": [{\"channel\": \"FAX\", \"unit\": \"MESSAGE\", \"price\": 1}]}"
                    + " | costs.json $.entries[0].channel: Cannot deserialize value of type `channel.Channel` from String \"FAX\": not one of the values accepted for Enum class: [",
            "unknown unit | {\"currency\": \"BRL\", \"entries\": [{\"channel\": \"SMS\", \"unit\": \"CHAR\", \"price\": 1}]}"
                    + " | costs.json $.entries[0].unit: Cannot deserialize value of type `policy.CostTable$Unit` from String \"CHAR\": not one of the values accepted for Enum class: [",
            "unknown field | {\"currency\": \"BRL\", \"entries\": [" + SMS + ", \"price\": 1, \"cost\": 2}]}"
                    + " | costs.json $.entries[0].cost: unknown field 'cost'; known fields are channel, provider, unit, price, expectedUnits (line 1,",
            "bad currency | {\"currency\": \"REAIS\", \"entries\": []}"
                    + " | costs.json $.currency: Cannot deserialize value of type `java.util.Currency` from String \"REAIS\": Unrecognized currency (line 1,",
            "entries not a list | {\"currency\": \"BRL\", \"entries\": {}}"
                    + " | costs.json $.entries: Cannot deserialize value of type `java.util.ArrayList<policy.CostTable$Entry>` from Object value",
            "entry not an object | {\"currency\": \"BRL\", \"entries\": [3]}"
                    + " | costs.json $.entries[0]: Cannot construct instance of `policy.CostTable$Entry` (although at least one Creator exists):"
                    + " no int/Int-argument constructor/factory method to deserialize from Number value (3)",
            "null entry | {\"currency\": \"BRL\", \"entries\": [null]} | costs.json $.entries[0]: must not be null (line 1,",
            "not an object | [] | costs.json $: Cannot deserialize value of type `policy.CostTable$Document` from Array value",
    })
    void values_jackson_cannot_read_are_refused_naming_the_path_and_the_problem(String name, String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void a_duplicate_key_is_refused_naming_its_path() {
        assertThatThrownBy(() -> read("{\"currency\": \"BRL\", \"entries\": [{\"channel\": \"SMS\", \"channel\": \"EMAIL\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("costs.json $.entries[0].channel: Duplicate field 'channel'");
    }

    @Test
    void trailing_content_is_refused() {
        assertThatThrownBy(() -> read("{\"currency\": \"BRL\", \"entries\": []} {}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("costs.json $");
    }

    @Test
    void entries_built_in_code_are_validated_too() {
        assertThatThrownBy(() -> CostTable.Entry.of(Channel.SMS, CostTable.Unit.SEGMENT, "-0.01"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("SMS price must not be negative, but was -0.01");
        assertThatThrownBy(() -> CostTable.of("t", Money.BRL, CostTable.Entry.of(Channel.SMS, CostTable.Unit.SEGMENT, "0.01"),
                CostTable.Entry.of(Channel.SMS, CostTable.Unit.MESSAGE, "0.02")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cost table 't' prices SMS from provider 'default' twice (entries 0 and 1)");
    }
}
