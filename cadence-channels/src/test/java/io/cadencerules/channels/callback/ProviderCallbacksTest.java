package io.cadencerules.channels.callback;

import io.cadencerules.channel.Channel;
import io.cadencerules.event.CallOutcome;
import io.cadencerules.event.KeyPressed;
import io.cadencerules.event.LinkClicked;
import io.cadencerules.event.MessageDelivered;
import io.cadencerules.event.MessageFailed;
import io.cadencerules.event.MessageRead;
import io.cadencerules.event.ReplyReceived;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderCallbacksTest {

    private static final Instant AT = Instant.parse("2026-03-10T12:05:00Z");
    private static final String HEAD = "\"id\":\"cb-%d\",\"occurredAt\":\"2026-03-10T12:05:00Z\",\"customerId\":\"c-1\",\"subjectKey\":\"inv-9\"";

    private static String head(int n) {
        return String.format(HEAD, n);
    }

    @Test
    void every_callback_type_becomes_its_typed_event() {
        String body = "{\"callbacks\":["
                + "{\"type\":\"delivered\"," + head(1) + ",\"channel\":\"SMS\",\"dispatchKey\":\"k-1\"},"
                + "{\"type\":\"failed\"," + head(2) + ",\"channel\":\"SMS\",\"reason\":\"absent subscriber\",\"permanent\":true},"
                + "{\"type\":\"read\"," + head(3) + ",\"channel\":\"WHATSAPP\"},"
                + "{\"type\":\"reply\"," + head(4) + ",\"channel\":\"TWO_WAY_SMS\",\"text\":\"QUERO\"},"
                + "{\"type\":\"key\"," + head(5) + ",\"channel\":\"OUTBOUND_IVR\",\"digit\":\"1\"},"
                + "{\"type\":\"click\"," + head(6) + ",\"link\":\"https://pague.example/inv-9\"},"
                + "{\"type\":\"call\"," + head(7) + ",\"channel\":\"VOICE_BLAST\",\"result\":\"voicemail\",\"vendorField\":42}"
                + "]}";

        CallbackBatch batch = ProviderCallbacks.parse(body);

        assertThat(batch.problems()).isEmpty();
        assertThat(batch.events()).containsExactly(
                new MessageDelivered("cb-1", AT, "c-1", "inv-9", Channel.SMS, "k-1"),
                new MessageFailed("cb-2", AT, "c-1", "inv-9", Channel.SMS, null, "absent subscriber", true),
                new MessageRead("cb-3", AT, "c-1", "inv-9", Channel.WHATSAPP, null),
                new ReplyReceived("cb-4", AT, "c-1", "inv-9", Channel.TWO_WAY_SMS, "QUERO"),
                new KeyPressed("cb-5", AT, "c-1", "inv-9", '1'),
                new LinkClicked("cb-6", AT, "c-1", "inv-9", "https://pague.example/inv-9"),
                new CallOutcome("cb-7", AT, "c-1", "inv-9", Channel.VOICE_BLAST, CallOutcome.Result.VOICEMAIL, null));
    }

    @Test
    void a_single_object_without_subject_is_accepted() {
        CallbackBatch batch = ProviderCallbacks.parse(
                "{\"type\":\"read\",\"id\":\"cb-1\",\"occurredAt\":\"2026-03-10T12:05:00Z\",\"customerId\":\"c-1\",\"channel\":\"email\"}");
        assertThat(batch.isClean()).isTrue();
        assertThat(batch.events()).containsExactly(new MessageRead("cb-1", AT, "c-1", null, Channel.EMAIL, null));
    }

    @Test
    void problems_name_the_json_path_and_good_callbacks_of_the_batch_still_pass() {
        String body = "["
                + "{\"type\":\"key\"," + head(1) + ",\"channel\":\"OUTBOUND_IVR\",\"digit\":\"12\"},"
                + "{\"type\":\"reply\"," + head(2) + ",\"channel\":\"TWO_WAY_SMS\",\"text\":\"SIM\"},"
                + "{\"type\":\"failed\",\"id\":\"cb-3\",\"occurredAt\":\"yesterday\",\"customerId\":7,\"channel\":\"PIGEON\",\"permanent\":\"yes\"},"
                + "{\"type\":\"teleport\"," + head(4) + "},"
                + "42"
                + "]";

        CallbackBatch batch = ProviderCallbacks.parse(body);

        assertThat(batch.events()).containsExactly(new ReplyReceived("cb-2", AT, "c-1", "inv-9", Channel.TWO_WAY_SMS, "SIM"));
        assertThat(batch.problems()).extracting(CallbackProblem::toString).containsExactly(
                "$[0].digit: must be one of 0-9, * or #, but was '12'",
                "$[2].occurredAt: must be an ISO-8601 instant such as 2026-03-10T12:05:00Z, but was 'yesterday'",
                "$[2].customerId: must be a string, but was number 7",
                "$[2].channel: must be one of EMAIL, SMS, TWO_WAY_SMS, WHATSAPP, VOICE_BLAST, OUTBOUND_IVR, AGENT, but was 'PIGEON'",
                "$[2].reason: is required",
                "$[2].permanent: must be true or false, but was \"yes\"",
                "$[3].type: must be one of delivered, failed, read, reply, key, click, call, but was 'teleport'",
                "$[3].channel: is required",
                "$[4]: must be a callback object, but was number");
    }

    @Test
    void malformed_json_is_a_problem_not_an_exception() {
        assertThat(ProviderCallbacks.parse("{\"type\": \"read\",").problems()).extracting(CallbackProblem::toString)
                .singleElement().asString().startsWith("$: is not valid JSON (line 1, column");
        assertThat(ProviderCallbacks.parse("  ").problems()).containsExactly(new CallbackProblem("$", "no JSON given"));
        assertThat(ProviderCallbacks.parse(null).problems()).containsExactly(new CallbackProblem("$", "no JSON given"));
        assertThat(ProviderCallbacks.parse("{\"callbacks\":{}}").problems())
                .containsExactly(new CallbackProblem("$.callbacks", "must be an array, but was object"));
        assertThat(ProviderCallbacks.parse("{\"type\":\"reply\",\"id\":\" \",\"occurredAt\":\"2026-03-10T12:05:00Z\","
                + "\"customerId\":\"c-1\",\"channel\":\"SMS\"}").problems()).extracting(CallbackProblem::toString)
                .containsExactly("$.id: must not be blank", "$.text: is required");
    }
}
