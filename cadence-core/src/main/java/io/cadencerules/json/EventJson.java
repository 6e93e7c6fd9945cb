package io.cadencerules.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.cadencerules.event.Event;

import java.io.IOException;

/**
 * Events as JSON, e.g. from a provider callback or a message queue:
 * {@code {"type":"PAYMENT_RECEIVED","id":"pay-1","occurredAt":"2026-03-13T14:00:00Z",
 * "customerId":"c-1","subjectKey":"inv-9","amount":{"amount":"500.00","currency":"BRL"},"full":true}}.
 * The {@code type} is an {@link io.cadencerules.event.EventType} name, or {@code ACCOUNT_NOTICE}
 * with a {@code kind} (CEASE, DISPUTE, DECEASED, BANKRUPTCY, COMPLAINT).
 */
public final class EventJson {

    private EventJson() {
    }

    /**
     * The outcome of parsing: an event, or an error naming the JSON path.
     *
     * @param event   the event, or null on error
     * @param eventId the event's id, or on error the "id" field when it could be read, else empty
     * @param error   the problem, or empty
     */
    public record Parsed(Event event, String eventId, String error) {
    }

    /** Parses without throwing. */
    public static Parsed parse(String json) {
        try {
            Event event = read(json);
            return new Parsed(event, event.id(), "");
        } catch (JsonPathException e) {
            return new Parsed(null, idOf(json), e.getMessage());
        }
    }

    /**
     * Parses an event.
     *
     * @throws JsonPathException naming the JSON path of the problem
     */
    public static Event read(String json) {
        if (json == null || json.isBlank()) {
            throw new JsonPathException("$", "no JSON given", null);
        }
        try {
            Event event = Mappers.MAPPER.readValue(json, Event.class);
            if (event == null) {
                throw new JsonPathException("$", "expected an event object, but was null", null);
            }
            return event;
        } catch (JsonProcessingException e) {
            throw Mappers.translate(e, json);
        }
    }

    /** The event as JSON (the format {@link #read} accepts). */
    public static String write(Event event) {
        try {
            return Mappers.MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event '" + event.id() + "' could not be written as JSON", e);
        }
    }

    /** The top-level "id" string, read as far as the input allows (it may be cut short or hold duplicate keys). */
    private static String idOf(String json) {
        if (json == null) {
            return "";
        }
        try (JsonParser parser = Mappers.MAPPER.getFactory().createParser(json)) {
            parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "";
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("id") && value == JsonToken.VALUE_STRING) {
                    return parser.getText().isBlank() ? "" : parser.getText();
                }
                parser.skipChildren();
            }
            return "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
