package io.cadencerules.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.DurationDeserializer;
import io.cadencerules.cadence.Branch;
import io.cadencerules.cadence.BranchAction;
import io.cadencerules.cadence.CadenceKind;
import io.cadencerules.cadence.Condition;
import io.cadencerules.cadence.Timing;
import io.cadencerules.event.AccountNotice;
import io.cadencerules.event.CallOutcome;
import io.cadencerules.event.Conversion;
import io.cadencerules.event.CustomEvent;
import io.cadencerules.event.Event;
import io.cadencerules.event.InboundContact;
import io.cadencerules.event.KeyPressed;
import io.cadencerules.event.LinkClicked;
import io.cadencerules.event.MessageDelivered;
import io.cadencerules.event.MessageFailed;
import io.cadencerules.event.MessageRead;
import io.cadencerules.event.OptOut;
import io.cadencerules.event.PaymentReceived;
import io.cadencerules.event.PromiseToPay;
import io.cadencerules.event.SurveyAnswered;
import io.cadencerules.event.ReplyReceived;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** The shared Jackson configuration of cadence and event JSON (mix-ins keep the model free of annotations). */
final class Mappers {

    private Mappers() {
    }

    /**
     * Strict on input, so that a file is read as written or refused: no trailing content, no
     * duplicate keys, no fractions cut to whole days, no nulls inside lists and maps, no bare
     * numbers for durations (they would mean seconds) or for IVR keys (they would be char codes).
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("cadence-json").addDeserializer(Duration.class, new IsoDurationDeserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
            .withCoercionConfig(char.class, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .withCoercionConfig(Character.class, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .visibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
            .addMixIn(Timing.class, TimingMixin.class)
            .addMixIn(Condition.class, ConditionMixin.class)
            .addMixIn(Branch.Trigger.class, TriggerMixin.class)
            .addMixIn(BranchAction.class, BranchActionMixin.class)
            .addMixIn(CadenceKind.class, KindMixin.class)
            .addMixIn(Event.class, EventMixin.class)
            .build();

    /**
     * Turns a Jackson failure into a message that names the JSON path and the problem.
     *
     * @param json the input, searched for a misspelt field when a value is missing
     */
    static JsonPathException translate(JsonProcessingException e, String json) {
        StreamReadException read = e instanceof StreamReadException r ? r
                : e.getCause() instanceof StreamReadException r ? r : null;
        if (read != null && read.getProcessor() != null && originalMessage(read).startsWith("Duplicate field ")) {
            return new JsonPathException(pathOf(read.getProcessor().getParsingContext()), problem(read), e);
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return new JsonPathException("$", problem(e), e);
        }
        List<JsonMappingException.Reference> refs = mapping.getPath();
        String path = pathOf(refs) + (e instanceof InvalidTypeIdException unknown && unknown.getTypeId() != null ? ".type" : "");
        if (e instanceof ValueInstantiationException failed && failed.getType() != null) {
            List<String> known = componentNames(failed.getType().getRawClass());
            JsonPathException misspelt = misspelt(json, refs, known, e);
            if (misspelt != null) {
                return misspelt;
            }
            String message = e.getCause() instanceof NullPointerException npe ? npe.getMessage() : null;
            if (message != null && known.contains(message)) {
                return new JsonPathException(path + "." + message, "is required, but was missing or null", e);
            }
        }
        if (isNullPrimitive(e)) {
            if (!refs.isEmpty()) {
                Object from = refs.get(refs.size() - 1).getFrom();
                Class<?> owner = from instanceof Class<?> c ? c : from == null ? Object.class : from.getClass();
                JsonPathException misspelt = misspelt(json, refs.subList(0, refs.size() - 1), componentNames(owner), e);
                if (misspelt != null) {
                    return misspelt;
                }
            }
            String expected = describe(((MismatchedInputException) e).getTargetType());
            return new JsonPathException(path, "is required (" + expected + "), but was missing or null" + location(e), e);
        }
        return new JsonPathException(path, problem(mapping), e);
    }

    private static String problem(JsonMappingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
            return cause.getMessage() == null ? cause.toString() : cause.getMessage();
        } else if (e instanceof UnrecognizedPropertyException unrecognized) {
            Class<?> owner = unrecognized.getReferringClass();
            List<String> known = owner != null && owner.isRecord() ? componentNames(owner)
                    : unrecognized.getKnownPropertyIds() == null ? List.of()
                    : unrecognized.getKnownPropertyIds().stream().map(String::valueOf).toList();
            return unknownField(unrecognized.getPropertyName(), known) + location(e);
        } else if (e instanceof InvalidNullException) {
            return "must not be null" + location(e);
        } else if (originalMessage(e).startsWith("Trailing token")) {
            return "unexpected content after the end of the JSON value" + location(e);
        }
        return problem((JsonProcessingException) e);
    }

    private static String problem(JsonProcessingException e) {
        String problem = originalMessage(e);
        // a bad map key comes wrapped: "...not a valid representation, problem: (...InvalidFormatException) <the real problem>"
        int wrapped = problem.indexOf(", problem: (com.fasterxml.");
        if (wrapped > 0 && problem.indexOf(") ", wrapped) > 0) {
            problem = problem.substring(problem.indexOf(") ", wrapped) + 2);
        }
        for (String noise : List.of(" (for ", " (set ", " (but could if ", "\n")) {
            int cut = problem.indexOf(noise);
            if (cut > 0) {
                problem = problem.substring(0, cut);
            }
        }
        return problem.replace("io.cadencerules.", "") + location(e);
    }

    /** Jackson's complaint about a missing or null primitive ({@code FAIL_ON_NULL_FOR_PRIMITIVES}). */
    private static boolean isNullPrimitive(JsonProcessingException e) {
        return e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && mismatch.getTargetType().isPrimitive() && originalMessage(e).startsWith("Cannot map `null`");
    }

    private static String originalMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static String location(JsonProcessingException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 1) {
            return "";
        }
        return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String unknownField(String name, Collection<String> known) {
        return "unknown field '" + name + "'" + (known.isEmpty() ? "" : "; known fields are " + String.join(", ", known));
    }

    private static String describe(Class<?> primitive) {
        if (primitive == boolean.class) {
            return "true or false";
        } else if (primitive == char.class) {
            return "a one-character string";
        } else if (primitive == double.class || primitive == float.class) {
            return "a number";
        }
        return "a whole number";
    }

    private static String pathOf(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String pathOf(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add("." + c.getCurrentName());
            }
        }
        Collections.reverse(parts);
        return "$" + String.join("", parts);
    }

    private static List<String> componentNames(Class<?> type) {
        if (!type.isRecord()) {
            return List.of();
        }
        return Arrays.stream(type.getRecordComponents()).map(Mappers::jsonName).toList();
    }

    /** A component's JSON name: its own, or the one {@code @JsonProperty} gives it (a Java keyword such as "default"). */
    private static String jsonName(RecordComponent component) {
        JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        return renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
    }

    /** The JSON object at the path of a failed value, or null when it cannot be found. */
    private static JsonNode nodeAt(String json, List<JsonMappingException.Reference> references) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
        for (JsonMappingException.Reference ref : references) {
            if (node == null) {
                return null;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
        }
        return node;
    }

    /**
     * Jackson calls a record's constructor before it reports the object's unknown fields, so a
     * misspelt field would surface as the model's complaint about the missing one; this finds it.
     */
    private static JsonPathException misspelt(String json, List<JsonMappingException.Reference> objectPath,
                                              List<String> known, JsonProcessingException e) {
        String unknown = firstUnknownField(nodeAt(json, objectPath), known);
        return unknown == null ? null : new JsonPathException(pathOf(objectPath) + "." + unknown, unknownField(unknown, known), e);
    }

    private static String firstUnknownField(JsonNode object, List<String> known) {
        if (object == null || !object.isObject() || known.isEmpty()) {
            return null;
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            // "type" names the subtype of the polymorphic parts; it is not a component of the record.
            if (!known.contains(name) && !name.equals("type")) {
                return name;
            }
        }
        return null;
    }

    /** Durations only as ISO-8601 text ("PT1H", "P1D"): Jackson would read a bare number as seconds. */
    private static final class IsoDurationDeserializer extends StdScalarDeserializer<Duration> {

        IsoDurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return ctxt.reportInputMismatch(this,
                        "a duration must be ISO-8601 text such as \"PT1H\" or \"P1D\", but was %s", p.getText());
            }
            return DurationDeserializer.INSTANCE.deserialize(p, ctxt);
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Timing.Offset.class, name = "offset"),
            @JsonSubTypes.Type(value = Timing.Wait.class, name = "wait"),
            @JsonSubTypes.Type(value = Timing.OnEvent.class, name = "on-event"),
            @JsonSubTypes.Type(value = Timing.Planned.class, name = "planned")})
    interface TimingMixin {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Condition.Segment.class, name = "segment"),
            @JsonSubTypes.Type(value = Condition.Rule.class, name = "rule")})
    interface ConditionMixin {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Branch.Trigger.Key.class, name = "key"),
            @JsonSubTypes.Type(value = Branch.Trigger.Reply.class, name = "reply"),
            @JsonSubTypes.Type(value = Branch.Trigger.Click.class, name = "click")})
    interface TriggerMixin {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = BranchAction.GoTo.class, name = "go-to"),
            @JsonSubTypes.Type(value = BranchAction.HandOff.class, name = "hand-off"),
            @JsonSubTypes.Type(value = BranchAction.Stop.class, name = "stop"),
            @JsonSubTypes.Type(value = BranchAction.StartCadence.class, name = "start-cadence")})
    interface BranchActionMixin {
    }

    abstract static class KindMixin {
        @JsonValue
        abstract String name();

        @JsonCreator
        static CadenceKind of(String name) {
            return CadenceKind.of(name);
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = PaymentReceived.class, name = "PAYMENT_RECEIVED"),
            @JsonSubTypes.Type(value = PromiseToPay.class, name = "PROMISE_TO_PAY"),
            @JsonSubTypes.Type(value = MessageDelivered.class, name = "MESSAGE_DELIVERED"),
            @JsonSubTypes.Type(value = MessageFailed.class, name = "MESSAGE_FAILED"),
            @JsonSubTypes.Type(value = MessageRead.class, name = "MESSAGE_READ"),
            @JsonSubTypes.Type(value = ReplyReceived.class, name = "REPLY_RECEIVED"),
            @JsonSubTypes.Type(value = KeyPressed.class, name = "KEY_PRESSED"),
            @JsonSubTypes.Type(value = CallOutcome.class, name = "CALL_OUTCOME"),
            @JsonSubTypes.Type(value = LinkClicked.class, name = "LINK_CLICKED"),
            @JsonSubTypes.Type(value = InboundContact.class, name = "INBOUND_CONTACT"),
            @JsonSubTypes.Type(value = OptOut.class, name = "OPT_OUT"),
            @JsonSubTypes.Type(value = AccountNotice.class, name = "ACCOUNT_NOTICE"),
            @JsonSubTypes.Type(value = Conversion.class, name = "CONVERSION"),
            @JsonSubTypes.Type(value = SurveyAnswered.class, name = "SURVEY_ANSWERED"),
            @JsonSubTypes.Type(value = CustomEvent.class, name = "CUSTOM")})
    interface EventMixin {
    }
}
