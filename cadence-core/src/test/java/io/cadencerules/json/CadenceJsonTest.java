package io.cadencerules.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cadencerules.Fixtures;
import io.cadencerules.cadence.Anchor;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.CadenceKind;
import io.cadencerules.cadence.Purpose;
import io.cadencerules.cadence.ReEntry;
import io.cadencerules.customer.Money;
import io.cadencerules.event.AccountNotice;
import io.cadencerules.event.CallOutcome;
import io.cadencerules.event.Conversion;
import io.cadencerules.event.SurveyAnswered;
import io.cadencerules.event.CustomEvent;
import io.cadencerules.event.Event;
import io.cadencerules.event.EventType;
import io.cadencerules.event.InboundContact;
import io.cadencerules.event.KeyPressed;
import io.cadencerules.event.LinkClicked;
import io.cadencerules.event.MessageDelivered;
import io.cadencerules.event.MessageFailed;
import io.cadencerules.event.MessageRead;
import io.cadencerules.event.OptOut;
import io.cadencerules.event.PaymentReceived;
import io.cadencerules.event.PromiseToPay;
import io.cadencerules.event.ReplyReceived;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.cadencerules.cadence.Dsl.convert;
import static io.cadencerules.cadence.Dsl.days;
import static io.cadencerules.cadence.Dsl.goTo;
import static io.cadencerules.cadence.Dsl.handOffToAgent;
import static io.cadencerules.cadence.Dsl.rule;
import static io.cadencerules.cadence.Dsl.segment;
import static io.cadencerules.cadence.Dsl.startCadence;
import static io.cadencerules.cadence.Dsl.stop;
import static io.cadencerules.channel.Channel.EMAIL;
import static io.cadencerules.channel.Channel.OUTBOUND_IVR;
import static io.cadencerules.channel.Channel.SMS;
import static io.cadencerules.channel.Channel.TWO_WAY_SMS;
import static io.cadencerules.channel.Channel.WHATSAPP;
import static io.cadencerules.event.EventType.COMPLAINT;
import static io.cadencerules.event.EventType.CONVERSION;
import static io.cadencerules.event.EventType.MESSAGE_READ;
import static io.cadencerules.event.EventType.OPT_OUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cadences and events survive a trip through JSON unchanged, and bad JSON is refused with a
 * {@link JsonPathException} whose message starts with the JSON path of the problem.
 */
class CadenceJsonTest {

    /** Every feature of the model: all timings, branch triggers and actions, conditions, options. */
    static Cadence everyFeature() {
        return Cadence.builder("plan-onboarding", CadenceKind.of("ONBOARDING"), Purpose.TRANSACTIONAL)
                .anchoredOn(Anchor.customEvent("plan-signed"))
                .version(3).priority(7).horizon(45)
                .sendAt(LocalTime.of(10, 30)).maxLateness(Duration.ofHours(6))
                .reEntry(ReEntry.after(Duration.ofDays(90)))
                .exitOn(CONVERSION, OPT_OUT).pauseOn(COMPLAINT)
                .step("welcome").at(days(0), LocalTime.of(9, 0)).email("welcome")
                    .with("name", "{{customer.name}}").with("plan", "gold")
                    .fallbackTo(WHATSAPP, "welcome-wa").fallbackTo(SMS, "welcome-sms")
                    .onClick("*", goTo("call-back"))
                .step("nudge").after(Duration.ofHours(20)).twoWaySms("nudge").when(segment("new-customer"))
                    .onReply("sim", convert()).onReply("nao", stop())
                    .onReply("ajuda", handOffToAgent("support")).onReply("plano", startCadence("upsell"))
                    .maxAttempts(3, Duration.ofMinutes(30))
                .step("ivr").at(days(3)).outboundIvr("menu").when(rule("can-call"))
                    .onKey('1', goTo("call-back")).onKey('#', stop()).onKey('*', handOffToAgent("support"))
                .step("call-back").at(days(5)).agentCall("support", "call-script")
                .step("read").on(MESSAGE_READ).sms("thanks-for-reading")
                .step("cart").onCustom("cart-abandoned").whatsapp("cart-reminder")
                .build();
    }

    /** A small valid cadence; the error tests below break one thing in it. */
    private static final String TWO_STEPS = """
            {
              "id": "card-late",
              "version": 1,
              "kind": "COLLECTION",
              "purpose": "COLLECTION",
              "anchor": { "type": "DUE_DATE" },
              "priority": 0,
              "horizonDays": 40,
              "steps": [
                { "id": "d0-sms", "timing": { "type": "offset", "days": 0, "at": "09:00" },
                  "action": { "channel": "SMS", "templateId": "due-today" }, "maxAttempts": 1 },
                { "id": "d2-voice", "timing": { "type": "offset", "days": 2 },
                  "action": { "channel": "VOICE_BLAST", "templateId": "late-notice" }, "maxAttempts": 1 }
              ]
            }
            """;

    private static String twoStepsWith(String original, String replacement) {
        assertThat(TWO_STEPS.split(Pattern.quote(original), -1)).as("occurrences of %s", original).hasSize(2);
        return TWO_STEPS.replace(original, replacement);
    }

    private static JsonPathException readError(String json) {
        return assertThatExceptionOfType(JsonPathException.class).isThrownBy(() -> CadenceJson.read(json)).actual();
    }

    private static final String PAYMENT = """
            {"type":"PAYMENT_RECEIVED","id":"pay-1","occurredAt":"2026-03-13T14:00:00Z","customerId":"c-1",
             "subjectKey":"inv-9","amount":{"amount":"500.00","currency":"BRL"},"full":true}""";

    @Property(tries = 2000)
    void a_damaged_event_gives_an_event_or_an_error_and_never_throws(
            @ForAll @IntRange(max = 160) int at, @ForAll @IntRange(max = 8) int cut, @ForAll char inserted) {
        int from = Math.min(at, PAYMENT.length());
        String damaged = PAYMENT.substring(0, from) + inserted + PAYMENT.substring(Math.min(from + cut, PAYMENT.length()));

        EventJson.Parsed parsed = EventJson.parse(damaged);

        if (parsed.event() == null) {
            assertThat(parsed.error()).startsWith("$");
        } else {
            assertThat(parsed.error()).isEmpty();
            assertThat(parsed.eventId()).isEqualTo(parsed.event().id());
        }
    }

    @Nested
    class RoundTrips {

        @Test
        void card_late_reads_back_equal() {
            Cadence cardLate = Fixtures.cardLate();

            assertThat(CadenceJson.read(CadenceJson.write(cardLate))).isEqualTo(cardLate);
        }

        @Test
        void a_cadence_using_every_feature_reads_back_equal() {
            Cadence cadence = everyFeature();

            assertThat(CadenceJson.read(CadenceJson.write(cadence))).isEqualTo(cadence);
        }

        @Test
        void polymorphic_parts_are_written_with_their_type_names() {
            String json = CadenceJson.write(everyFeature()).replace(" ", "");

            for (String type : List.of("offset", "wait", "on-event", "segment", "rule", "key", "reply", "click",
                    "go-to", "hand-off", "stop", "start-cadence")) {
                assertThat(json).contains("\"type\":\"" + type + "\"");
            }
            assertThat(json).contains("\"kind\":\"ONBOARDING\"", "\"after\":\"PT20H\"", "\"maxLateness\":\"PT6H\"",
                    "\"digit\":\"#\"", "\"name\":\"cart-abandoned\"");
        }

        @Test
        void the_hand_written_card_late_file_reads_as_the_fixture() throws URISyntaxException {
            Path file = Path.of(CadenceJsonTest.class.getResource("/cadences/card-late.json").toURI());

            assertThat(CadenceJson.read(file)).isEqualTo(Fixtures.cardLate());
        }

        @Test
        void the_base_document_of_the_error_tests_is_valid() {
            assertThat(CadenceJson.read(TWO_STEPS).steps()).hasSize(2);
        }

        @Test
        void optional_fields_take_the_model_defaults() {
            Cadence cadence = CadenceJson.read(TWO_STEPS);

            assertThat(cadence.sendTime()).isEqualTo(Cadence.DEFAULT_SEND_TIME);
            assertThat(cadence.maxLateness()).isEqualTo(Cadence.DEFAULT_MAX_LATENESS);
            assertThat(cadence.reEntry()).isEqualTo(ReEntry.immediately());
            assertThat(cadence.exitOn()).isEmpty();
            assertThat(cadence.steps().get(1).retryAfter()).isEqualTo(Duration.ofHours(1));
            assertThat(cadence.steps().get(1).action().variables()).isEmpty();
        }
    }

    @Nested
    class BadCadenceJson {

        @Test
        void a_syntax_error_names_the_document_and_the_line() {
            JsonPathException e = readError(twoStepsWith("\"version\": 1,", "\"version\": 1,,"));

            assertThat(e.path()).isEqualTo("$");
            assertThat(e).hasMessage("$: Unexpected character (',' (code 44)): was expecting double-quote to start "
                    + "field name (line 3, column 16)");
        }

        @Test
        void a_wrong_type_names_the_nested_field() {
            JsonPathException e = readError(twoStepsWith("\"days\": 2", "\"days\": \"abc\""));

            assertThat(e.path()).isEqualTo("$.steps[1].timing.days");
            assertThat(e).hasMessage("$.steps[1].timing.days: Cannot deserialize value of type `int` from String "
                    + "\"abc\": not a valid `int` value (line 12, column 63)");
        }

        @Test
        void a_fraction_of_a_day_is_refused_rather_than_cut() {
            assertThat(readError(twoStepsWith("\"days\": 2", "\"days\": 2.5"))).hasMessage(
                    "$.steps[1].timing.days: Cannot coerce Floating-point value (2.5) to `int` value (line 12, column 63)");
        }

        @Test
        void a_misspelt_optional_field_is_named_with_the_known_fields() {
            assertThat(readError(twoStepsWith("\"maxAttempts\": 1 }\n  ]", "\"maxAttempts\": 1, \"retryAftr\": \"PT1H\" }\n  ]")))
                    .hasMessage("$.steps[1].retryAftr: unknown field 'retryAftr'; known fields are id, timing, action, "
                            + "fallbacks, condition, branches, maxAttempts, retryAfter (line 13, column 115)");
        }

        @Test
        void a_misspelt_required_field_is_named_instead_of_the_missing_value() {
            JsonPathException e = readError(twoStepsWith("\"templateId\": \"late-notice\"", "\"template\": \"late-notice\""));

            assertThat(e.path()).isEqualTo("$.steps[1].action.template");
            assertThat(e).hasMessage("$.steps[1].action.template: unknown field 'template'; "
                    + "known fields are channel, templateId, variables, queue");
        }

        @Test
        void a_misspelt_number_field_is_named_instead_of_the_missing_number() {
            assertThat(readError(twoStepsWith("\"horizonDays\"", "\"horizon\""))).hasMessage(
                    "$.horizon: unknown field 'horizon'; known fields are id, version, kind, purpose, anchor, steps, "
                            + "exitOn, pauseOn, reEntry, priority, horizonDays, sendTime, maxLateness");
        }

        @Test
        void an_unknown_type_name_is_named_with_the_known_ones() {
            JsonPathException e = readError(twoStepsWith("\"type\": \"offset\", \"days\": 2", "\"type\": \"ofset\", \"days\": 2"));

            assertThat(e.path()).isEqualTo("$.steps[1].timing.type");
            assertThat(e).hasMessage("$.steps[1].timing.type: Could not resolve type id 'ofset' as a subtype of "
                    + "`cadence.Timing`: known type ids = [offset, on-event, planned, wait] (line 12, column 45)");
        }

        @Test
        void a_missing_type_name_is_named() {
            assertThat(readError(twoStepsWith("\"type\": \"offset\", \"days\": 2", "\"days\": 2"))).hasMessage(
                    "$.steps[1].timing: Could not resolve subtype of [simple type, class cadence.Timing]: "
                            + "missing type id property 'type' (line 12, column 47)");
        }

        @Test
        void an_unknown_channel_lists_the_channels() {
            assertThat(readError(twoStepsWith("\"VOICE_BLAST\"", "\"FAX\""))).hasMessageStartingWith(
                    "$.steps[1].action.channel: Cannot deserialize value of type `channel.Channel` from String \"FAX\": "
                            + "not one of the values accepted for Enum class: [");
        }

        @Test
        void a_missing_cadence_id_surfaces_the_model_message() {
            JsonPathException e = readError(twoStepsWith("\"id\": \"card-late\",\n", ""));

            assertThat(e.path()).isEqualTo("$");
            assertThat(e).hasMessage(
                    "$: cadence id must be letters, digits and _ . - (starting with a letter or digit), but was 'null'");
        }

        @Test
        void a_missing_number_is_named_as_required() {
            assertThat(readError(twoStepsWith(", \"maxAttempts\": 1 }\n  ]", " }\n  ]"))).hasMessage(
                    "$.steps[1].maxAttempts: is required (a whole number), but was missing or null (line 13, column 75)");
        }

        @Test
        void a_missing_purpose_surfaces_the_model_message() {
            assertThat(readError(twoStepsWith("\"purpose\": \"COLLECTION\",\n", "")))
                    .hasMessage("$: cadence 'card-late' needs a purpose");
        }

        @Test
        void a_missing_channel_action_surfaces_the_model_message_at_the_step() {
            JsonPathException e = readError(twoStepsWith(
                    "\n      \"action\": { \"channel\": \"VOICE_BLAST\", \"templateId\": \"late-notice\" },", ""));

            assertThat(e.path()).isEqualTo("$.steps[1]");
            assertThat(e).hasMessage("$.steps[1]: step 'd2-voice' has no channel action: use email(...), sms(...), "
                    + "voiceBlast(...), outboundIvr(...)…");
        }

        @Test
        void duplicate_step_ids_surface_the_model_message() {
            assertThat(readError(twoStepsWith("\"id\": \"d2-voice\"", "\"id\": \"d0-sms\"")))
                    .hasMessage("$: cadence 'card-late' has two steps with id 'd0-sms'");
        }

        @Test
        void a_go_to_an_unknown_step_surfaces_the_model_message() {
            String json = twoStepsWith("\"templateId\": \"due-today\" },", "\"templateId\": \"due-today\" }, \"branches\": [ "
                    + "{ \"trigger\": { \"type\": \"reply\", \"keyword\": \"pago\" }, "
                    + "\"action\": { \"type\": \"go-to\", \"stepId\": \"d9-agent\" } } ],");

            assertThat(readError(json))
                    .hasMessage("$: step 'd0-sms' branch on reply 'PAGO' goes to unknown step 'd9-agent'");
        }

        @Test
        void offsets_out_of_order_surface_the_model_message() {
            assertThat(readError(twoStepsWith("\"days\": 2", "\"days\": -1")))
                    .hasMessage("$: step 'd2-voice' at D-1 must not come before the previous step 'd0-sms' at D+0 09:00");
        }

        @Test
        void an_offset_beyond_the_horizon_surfaces_the_model_message() {
            assertThat(readError(twoStepsWith("\"days\": 2", "\"days\": 90")))
                    .hasMessage("$: step 'd2-voice' offset must be within the cadence horizon of 40 days, but was 90 days");
        }

        @Test
        void the_same_event_in_exit_on_and_pause_on_surfaces_the_model_message() {
            String json = twoStepsWith("\"priority\": 0,", "\"priority\": 0, \"exitOn\": [\"OPT_OUT\"], \"pauseOn\": [\"OPT_OUT\"],");

            assertThat(readError(json)).hasMessage("$: cadence 'card-late' both exits and pauses on OPT_OUT");
        }

        @Test
        void a_duplicate_key_is_refused_rather_than_the_last_one_winning() {
            JsonPathException e = readError(twoStepsWith("\"days\": 2", "\"days\": 2, \"days\": 3"));

            assertThat(e.path()).isEqualTo("$.steps[1].timing.days");
            assertThat(e).hasMessage("$.steps[1].timing.days: Duplicate field 'days' (line 12, column 72)");
        }

        @Test
        void content_after_the_cadence_is_refused() {
            assertThat(readError(TWO_STEPS + "{}"))
                    .hasMessage("$: unexpected content after the end of the JSON value (line 16, column 1)");
        }

        @Test
        void a_null_step_is_named() {
            assertThat(readError(twoStepsWith("\"steps\": [", "\"steps\": [ null,")))
                    .hasMessage("$.steps[0]: must not be null (line 9, column 14)");
        }

        @Test
        void a_duration_as_a_bare_number_is_refused() {
            assertThat(readError(twoStepsWith("\"priority\": 0,", "\"priority\": 0, \"maxLateness\": 1,"))).hasMessage(
                    "$.maxLateness: a duration must be ISO-8601 text such as \"PT1H\" or \"P1D\", but was 1 (line 7, column 33)");
        }

        @Test
        void a_number_as_an_ivr_key_is_refused() {
            String json = twoStepsWith("\"VOICE_BLAST\", \"templateId\": \"late-notice\" },",
                    "\"OUTBOUND_IVR\", \"templateId\": \"menu\" }, \"branches\": [ "
                            + "{ \"trigger\": { \"type\": \"key\", \"digit\": 1 }, \"action\": { \"type\": \"stop\", \"converted\": false } } ],");

            assertThat(readError(json)).hasMessage(
                    "$.steps[1].branches[0].trigger.digit: Cannot coerce Integer value (1) to `char` value (line 13, column 123)");
        }

        @Test
        void no_input_is_refused() {
            assertThat(readError("  ")).hasMessage("$: no JSON given");
            assertThat(readError("null")).hasMessage("$: expected a cadence object, but was null");
        }

        @Test
        void reading_a_file_prefixes_the_file_name(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("card-late.json");
            Files.writeString(file, twoStepsWith("\"days\": 2", "\"days\": \"abc\""), StandardCharsets.UTF_8);

            JsonPathException e = assertThatExceptionOfType(JsonPathException.class)
                    .isThrownBy(() -> CadenceJson.read(file)).actual();

            assertThat(e.path()).isEqualTo("card-late.json $.steps[1].timing.days");
            assertThat(e).hasMessage("card-late.json $.steps[1].timing.days: Cannot deserialize value of type `int` "
                    + "from String \"abc\": not a valid `int` value (line 12, column 63)");
        }

        @Test
        void reading_a_missing_file_names_it(@TempDir Path dir) {
            Path file = dir.resolve("nowhere.json");

            assertThatThrownBy(() -> CadenceJson.read(file)).isInstanceOf(UncheckedIOException.class)
                    .hasMessage("cannot read cadence file " + file);
        }
    }

    @Nested
    class Events {

        private static final Instant AT = Instant.parse("2026-03-13T14:00:00Z");

        static Stream<Event> everyEventType() {
            ObjectNode payload = JsonNodeFactory.instance.objectNode();
            payload.put("total", "199.90").put("express", true).put("weight", 1.5).putNull("coupon");
            payload.putArray("items").addObject().put("sku", "A1").put("qty", 2);
            return Stream.of(
                    new PaymentReceived("pay-1", AT, "c-1", "inv-9", Money.brl("500.00"), true),
                    new PromiseToPay("ptp-1", AT, "c-1", "inv-9", LocalDate.of(2026, 3, 20), Money.brl("250.00")),
                    new PromiseToPay("ptp-2", AT, "c-1", null, LocalDate.of(2026, 3, 20), null),
                    new MessageDelivered("dlv-1", AT, "c-1", "inv-9", SMS, "card-late/d0-sms/1"),
                    new MessageFailed("fail-1", AT, "c-1", "inv-9", WHATSAPP, null, "number not on WhatsApp", true),
                    new MessageRead("read-1", AT, "c-1", null, EMAIL, "card-late/d-3-email/1"),
                    new ReplyReceived("reply-1", AT, "c-1", "inv-9", TWO_WAY_SMS, "Quero negociar"),
                    new KeyPressed("key-1", AT, "c-1", "inv-9", '#'),
                    new CallOutcome("call-1", AT, "c-1", "inv-9", OUTBOUND_IVR, CallOutcome.Result.VOICEMAIL, null),
                    new LinkClicked("click-1", AT, "c-1", "inv-9", "https://pay.example.com/inv-9"),
                    new InboundContact("in-1", AT, "c-1", null, WHATSAPP),
                    new OptOut("opt-1", AT, "c-1", null, null),
                    new OptOut("opt-2", AT, "c-1", null, SMS),
                    new AccountNotice("notice-1", AT, "c-1", "inv-9", AccountNotice.Kind.DISPUTE, "contests the fee"),
                    new AccountNotice("notice-2", AT, "c-1", null, AccountNotice.Kind.DECEASED, null),
                    new Conversion("conv-1", AT, "c-1", "cart-7", "purchase", Money.brl("99.90")),
                    new Conversion("conv-2", AT, "c-1", "appt-3", "confirmed", null),
                    new SurveyAnswered("nps-1", AT, "c-1", null, SurveyAnswered.Survey.NPS, 9),
                    new CustomEvent("custom-1", AT, "c-1", "cart-7", "cart-abandoned", payload));
        }

        @ParameterizedTest
        @MethodSource("everyEventType")
        void every_event_type_reads_back_equal(Event event) {
            assertThat(EventJson.read(EventJson.write(event))).isEqualTo(event);
        }

        @Test
        void every_event_class_is_covered_by_the_round_trip() {
            assertThat(everyEventType().map(Object::getClass).distinct())
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(Event.class.getPermittedSubclasses()).toList());
        }

        @Test
        void an_account_notice_is_written_as_account_notice_and_keeps_its_kind() {
            AccountNotice notice = new AccountNotice("notice-1", AT, "c-1", "inv-9", AccountNotice.Kind.CEASE, "");

            String json = EventJson.write(notice);
            Event read = EventJson.read(json);

            assertThat(json.replace(" ", "")).contains("\"type\":\"ACCOUNT_NOTICE\"", "\"kind\":\"CEASE\"");
            assertThat(read.type()).isEqualTo(EventType.CEASE);
        }

        @Test
        void a_provider_callback_in_the_documented_form_parses() {
            EventJson.Parsed parsed = EventJson.parse("""
                    {"type":"PAYMENT_RECEIVED","id":"pay-1","occurredAt":"2026-03-13T14:00:00Z",
                     "customerId":"c-1","subjectKey":"inv-9","amount":{"amount":"500.00","currency":"BRL"},"full":true}
                    """);

            assertThat(parsed).isEqualTo(new EventJson.Parsed(
                    new PaymentReceived("pay-1", AT, "c-1", "inv-9", Money.brl("500.00"), true), "pay-1", ""));
        }

        @Test
        void a_bad_key_is_named_by_its_path() {
            EventJson.Parsed parsed = EventJson.parse("""
                    {"type":"KEY_PRESSED","id":"key-1","occurredAt":"2026-03-13T14:00:00Z","customerId":"c-1","digit":"12"}""");

            assertThat(parsed.event()).isNull();
            assertThat(parsed.eventId()).isEqualTo("key-1");
            assertThat(parsed.error()).isEqualTo("$.digit: Cannot deserialize value of type `char` from String \"12\": "
                    + "Expected either Integer value code or 1-character String (line 1, column 99)");
        }

        @Test
        void a_key_outside_the_keypad_surfaces_the_model_message() {
            EventJson.Parsed parsed = EventJson.parse("""
                    {"type":"KEY_PRESSED","id":"key-1","occurredAt":"2026-03-13T14:00:00Z","customerId":"c-1","digit":"x"}""");

            assertThat(parsed.error()).isEqualTo("$: event 'key-1' key must be 0-9, * or #, but was 'x'");
        }

        @Test
        void a_missing_amount_is_named_by_its_path() {
            EventJson.Parsed parsed = EventJson.parse("""
                    {"type":"PAYMENT_RECEIVED","id":"pay-1","occurredAt":"2026-03-13T14:00:00Z","customerId":"c-1","full":true}""");

            assertThat(parsed).isEqualTo(new EventJson.Parsed(null, "pay-1", "$.amount: is required, but was missing or null"));
        }

        @Test
        void an_amount_that_is_not_a_number_is_named_by_its_path() {
            EventJson.Parsed parsed = EventJson.parse("""
                    {"type":"PAYMENT_RECEIVED","id":"pay-1","occurredAt":"2026-03-13T14:00:00Z","customerId":"c-1",
                     "amount":{"amount":"lots","currency":"BRL"},"full":true}""");

            assertThat(parsed.error()).isEqualTo("$.amount.amount: Cannot deserialize value of type `java.math.BigDecimal` "
                    + "from String \"lots\": not a valid representation (line 2, column 21)");
        }

        @Test
        void a_negative_amount_surfaces_the_model_message() {
            EventJson.Parsed parsed = EventJson.parse("""
                    {"type":"PAYMENT_RECEIVED","id":"pay-1","occurredAt":"2026-03-13T14:00:00Z","customerId":"c-1",
                     "amount":{"amount":"-5.00","currency":"BRL"},"full":true}""");

            assertThat(parsed.error()).isEqualTo("$: event 'pay-1' payment amount must be positive, but was BRL -5.00");
        }

        @Test
        void a_blank_id_surfaces_the_model_message_and_no_event_id() {
            EventJson.Parsed parsed = EventJson.parse("""
                    {"type":"OPT_OUT","id":" ","occurredAt":"2026-03-13T14:00:00Z","customerId":"c-1"}""");

            assertThat(parsed).isEqualTo(new EventJson.Parsed(null, "", "$: event id must not be blank, but was ' '"));
        }

        @Test
        void a_misspelt_field_is_named_even_when_it_leaves_a_required_one_missing() {
            EventJson.Parsed parsed = EventJson.parse("""
                    {"type":"OPT_OUT","id":"opt-1","occurredAt":"2026-03-13T14:00:00Z","customer":"c-1"}""");

            assertThat(parsed.error())
                    .isEqualTo("$.customer: unknown field 'customer'; known fields are id, occurredAt, customerId, subjectKey, channel");
        }

        @Test
        void cut_short_input_still_yields_the_event_id() {
            EventJson.Parsed parsed = EventJson.parse("{\"type\":\"OPT_OUT\",\"id\":\"opt-1\",\"occurredAt\":");

            assertThat(parsed).isEqualTo(new EventJson.Parsed(null, "opt-1",
                    "$: Unexpected end-of-input within/between Object entries (line 1, column 45)"));
        }

        @Test
        void a_duplicate_key_in_a_custom_payload_is_named_by_its_path() {
            EventJson.Parsed parsed = EventJson.parse("""
                    {"type":"CUSTOM","id":"ev-1","occurredAt":"2026-03-13T14:00:00Z","customerId":"c-1",
                     "name":"cart-abandoned","payload":{"items":[{"sku":"A1","sku":"B2"}]}}""");

            assertThat(parsed).isEqualTo(new EventJson.Parsed(null, "ev-1",
                    "$.payload.items[0].sku: Duplicate field 'sku' (line 2, column 63)"));
        }

        @Test
        void an_unknown_event_type_is_named() {
            EventJson.Parsed parsed = EventJson.parse("""
                    {"type":"CEASE","id":"ev-1","occurredAt":"2026-03-13T14:00:00Z","customerId":"c-1"}""");

            assertThat(parsed.error()).startsWith("$.type: Could not resolve type id 'CEASE' as a subtype of `event.Event`: "
                    + "known type ids = [ACCOUNT_NOTICE, ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "null", "[]", "42", "\"x\"", "nul", "{", "{\"type\":1}", "{\"type\":\"OPT_OUT\"}"})
        void malformed_input_gives_an_error_and_never_throws(String json) {
            EventJson.Parsed parsed = EventJson.parse(json);

            assertThat(parsed.event()).isNull();
            assertThat(parsed.error()).startsWith("$");
        }

        @Test
        void deeply_nested_payloads_give_an_error_and_never_throw() {
            String deep = "[".repeat(5_000) + "]".repeat(5_000);
            EventJson.Parsed parsed = EventJson.parse("{\"type\":\"CUSTOM\",\"id\":\"ev-1\",\"occurredAt\":\"2026-03-13T14:00:00Z\","
                    + "\"customerId\":\"c-1\",\"name\":\"n\",\"payload\":" + deep + "}");

            assertThat(parsed.event()).isNull();
            assertThat(parsed.eventId()).isEqualTo("ev-1");
            assertThat(parsed.error()).startsWith("$");
        }

        @Test
        void a_null_input_gives_an_error_and_never_throws() {
            assertThat(EventJson.parse(null)).isEqualTo(new EventJson.Parsed(null, "", "$: no JSON given"));
        }
    }
}
