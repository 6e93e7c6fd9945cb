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
    @CsvSource(delimiter = '|', value = {
            "above one | {\"channels\": {\"SMS\": {\"default\": 1.5}}} | responses.json $.channels.SMS.default: a probability must be from 0 to 1, but was 1.5",
            "negative segment | {\"channels\": {\"SMS\": {\"default\": 0.1, \"segments\": {\"vip\": -0.1}}}} | responses.json $.channels.SMS.segments.vip: a probability must be from 0 to 1, but was -0.1",
            "no default | {\"channels\": {\"SMS\": {\"segments\": {\"vip\": 0.1}}}} | responses.json $.channels.SMS.default: is required",
            "unknown channel | {\"channels\": {\"PIGEON\": {\"default\": 0.1}}} | responses.json $.channels.PIGEON: must be one of EMAIL, SMS, TWO_WAY_SMS, WHATSAPP, VOICE_BLAST, OUTBOUND_IVR, AGENT, but was 'PIGEON'",
            "unknown field | {\"channels\": {\"SMS\": {\"default\": 0.1, \"rate\": 0.2}}} | responses.json $.channels.SMS.rate: unknown field 'rate'; known fields are default, segments",
            "channel not an object | {\"channels\": {\"SMS\": 0.1}} | responses.json $.channels.SMS: must be an object, but was number",
            "no channels | {\"name\": \"x\"} | responses.json $.channels: is required",
            "probability as words | {\"channels\": {\"SMS\": {\"default\": \"high\"}}} | responses.json $.channels.SMS.default: must be a decimal number, but was 'high'",
    })
    void bad_json_is_refused_naming_the_path(String name, String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
