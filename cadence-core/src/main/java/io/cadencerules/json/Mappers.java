package io.cadencerules.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
import io.cadencerules.event.ReplyReceived;

/** The shared Jackson configuration of cadence and event JSON (mix-ins keep the model free of annotations). */
final class Mappers {

    private Mappers() {
    }

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
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

    /** Turns a Jackson failure into a message that names the JSON path and the problem. */
    static JsonPathException translate(JsonProcessingException e) {
        StringBuilder path = new StringBuilder("$");
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append('.').append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            if (e instanceof InvalidTypeIdException) {
                path.append(".type");
            }
        }
        Throwable cause = e.getCause();
        String problem;
        if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
            problem = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        } else {
            problem = e.getOriginalMessage();
            int cut = problem.indexOf(" (for ");
            if (cut < 0) {
                cut = problem.indexOf("\n");
            }
            problem = (cut > 0 ? problem.substring(0, cut) : problem).replace("io.cadencerules.", "");
            if (e.getLocation() != null) {
                problem += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            }
        }
        return new JsonPathException(path.toString(), problem, e);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Timing.Offset.class, name = "offset"),
            @JsonSubTypes.Type(value = Timing.Wait.class, name = "wait"),
            @JsonSubTypes.Type(value = Timing.OnEvent.class, name = "on-event")})
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
            @JsonSubTypes.Type(value = CustomEvent.class, name = "CUSTOM")})
    interface EventMixin {
    }
}
