package io.cadencerules.policy;

import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;
import io.cadencerules.engine.StepContext;
import io.cadencerules.journey.Journey;
import io.cadencerules.policy.ResponseTable.Rate;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static io.cadencerules.cadence.Dsl.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseTableTest {

    private final Cadence late = Cadence.collection("late").step("d1").at(days(1)).sms("late").build();

    private StepContext contact(Customer customer) {
        Journey journey = CadenceHarness.startingAt(Fixtures.START).build().enroll(customer, Fixtures.debt(), late);
        return new StepContext(journey, late, late.steps().get(0), late.steps().get(0).action(),
                customer.first(ContactPoint.Type.PHONE), customer, 1, false, Fixtures.START);
    }

    private static ResponseTable read(String json) {
        return ResponseTable.fromJson(new StringReader(json), "responses.json");
    }

    @Test
    void the_first_segment_the_customer_is_in_wins_else_the_channels_default() {
        ResponseTable table = read("""
                {"name": "mine", "channels": {
                  "SMS": {"default": 0.02, "segments": {"early-stage": 0.05, "high-balance": 0.03, "vip": 0.04}},
                  "AGENT": {"default": "0.15"}}}""");
        Customer both = Fixtures.customer("c-2", Fixtures.SAO_PAULO, "vip", "high-balance");
        Customer none = Fixtures.customer("c-3", Fixtures.SAO_PAULO);
        assertThat(table.probability(contact(both), Channel.SMS)).isEqualTo(0.03);
        assertThat(table.probability(contact(none), Channel.SMS)).isEqualTo(0.02);
        assertThat(table.probability(contact(none), Channel.AGENT)).isEqualTo(0.15);
        assertThat(table.name()).isEqualTo("mine");
        assertThat(table.rates()).containsExactly(Rate.of(Channel.SMS, 0.02), Rate.of(Channel.SMS, "early-stage", 0.05),
                Rate.of(Channel.SMS, "high-balance", 0.03), Rate.of(Channel.SMS, "vip", 0.04), Rate.of(Channel.AGENT, 0.15));
    }

    @Test
    void a_table_without_a_name_is_named_after_where_it_was_read() {
        assertThat(read("{\"channels\": {\"AGENT\": {\"default\": 0.1}}}").name()).isEqualTo("responses.json");
    }

    @Test
    void a_channel_the_table_does_not_rate_is_an_error_naming_it() {
        ResponseTable table = ResponseTable.of("sms-only", Rate.of(Channel.SMS, 0.02));
        assertThatThrownBy(() -> table.probability(contact(Fixtures.ana()), Channel.AGENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("response table 'sms-only' has no rate for channel AGENT; it rates SMS");
    }

    @Test
    void the_standard_table_rates_every_channel() {
        ResponseTable standard = ResponseTable.standard();
        for (Channel channel : Channel.values()) {
            assertThat(standard.probability(contact(Fixtures.ana()), channel)).isBetween(0.0, 1.0);
        }
    }

    @Test
    void rates_built_in_code_are_validated() {
        assertThatThrownBy(() -> Rate.of(Channel.SMS, 1.2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SMS probability must be from 0 to 1, but was 1.2");
        assertThatThrownBy(() -> ResponseTable.of("t", Rate.of(Channel.SMS, "vip", 0.2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("response table 't' has segment rates for SMS but no default rate for it");
        assertThatThrownBy(() -> ResponseTable.of("t", Rate.of(Channel.SMS, 0.2), Rate.of(Channel.SMS, 0.3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("response table 't' has two rates for SMS (default)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "above one | {\"channels\": {\"SMS\": {\"default\": 1.5}}} | responses.json $.channels.SMS: the default probability must be from 0 to 1, but was 1.5",
            "negative segment | {\"channels\": {\"SMS\": {\"default\": 0.1, \"segments\": {\"vip\": -0.1}}}} | responses.json $.channels.SMS: segment 'vip' probability must be from 0 to 1, but was -0.1",
            "blank segment | {\"channels\": {\"SMS\": {\"default\": 0.1, \"segments\": {\" \": 0.2}}}} | responses.json $.channels.SMS: a segment name must not be blank, but was ' '",
            "no default | {\"channels\": {\"SMS\": {\"segments\": {\"vip\": 0.1}}}} | responses.json $.channels.SMS.default: is required, but was missing or null",
            "no channels | {\"name\": \"x\"} | responses.json $.channels: is required, but was missing or null",
            "blank name | {\"name\": \"\", \"channels\": {}} | responses.json $: response table name must not be blank, but was ''",
    })
    void bad_json_is_refused_naming_the_path(String name, String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    /** Jackson's own wording, followed by the line and column (and enum constants in no fixed order). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "unknown channel | {\"channels\": {\"PIGEON\": {\"default\": 0.1}}} | responses.json $.channels: Cannot deserialize Map key of type `channel.Channel` from String \"PIGEON\": not one of the values accepted for Enum class: [",
            "unknown field | {\"channels\": {\"SMS\": {\"default\": 0.1, \"rate\": 0.2}}} | responses.json $.channels.SMS.rate: unknown field 'rate'; known fields are default, segments (line 1,",
            "channel not an object | {\"channels\": {\"SMS\": 0.1}} | responses.json $.channels.SMS: Cannot construct instance of `policy.ResponseTable$ChannelRates` (although at least one Creator exists): no double/Double-argument constructor/factory method to deserialize from Number value (0.1)",
            "probability as words | {\"channels\": {\"SMS\": {\"default\": \"high\"}}} | responses.json $.channels.SMS.default: Cannot deserialize value of type `java.math.BigDecimal` from String \"high\": not a valid representation",
            "duplicate channel | {\"channels\": {\"SMS\": {\"default\": 0.1}, \"SMS\": {\"default\": 0.2}}} | responses.json $.channels.SMS: Duplicate field 'SMS'",
    })
    void values_jackson_cannot_read_are_refused_naming_the_path_and_the_problem(String name, String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
}
