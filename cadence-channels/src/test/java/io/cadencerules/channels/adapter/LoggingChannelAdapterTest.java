package io.cadencerules.channels.adapter;

import io.cadencerules.channel.DispatchResult;
import io.cadencerules.channels.Requests;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingChannelAdapterTest {

    @Test
    void logs_the_request_with_the_phone_masked_and_no_variable_values() {
        List<String> lines = new ArrayList<>();
        DispatchResult result = new LoggingChannelAdapter(lines::add)
                .dispatch(Requests.sms("+5511987654321", Map.of("pix", "00020126-secret"))).toCompletableFuture().join();

        assertThat(lines).containsExactly("SMS to +55 11 9****-4321 customer c-1 step d0-sms attempt 1 template due-today"
                + " variables [pix] key c-1/inv-9/sms-voice-email#1/d0-sms/SMS/1");
        assertThat(lines.get(0)).doesNotContain("987654321", "secret", "Ana");
        assertThat(result).isEqualTo(DispatchResult.accepted("log:c-1/inv-9/sms-voice-email#1/d0-sms/SMS/1"));
    }

    @Test
    void logs_emails_masked() {
        assertThat(LoggingChannelAdapter.describe(Requests.email("ana.souza@example.com")))
                .startsWith("EMAIL to a***@example.com customer c-2 step d3-email");
    }

    @Test
    void the_slf4j_constructor_accepts_too() {
        assertThat(new LoggingChannelAdapter().dispatch(Requests.sms("+5511987654321", Map.of())).toCompletableFuture().join())
                .isInstanceOf(DispatchResult.Accepted.class);
    }
}
