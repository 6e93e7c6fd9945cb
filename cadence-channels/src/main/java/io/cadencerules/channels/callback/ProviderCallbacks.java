package io.cadencerules.channels.callback;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadencerules.channel.Channel;
import io.cadencerules.event.CallOutcome;
import io.cadencerules.event.Event;
import io.cadencerules.event.KeyPressed;
import io.cadencerules.event.LinkClicked;
import io.cadencerules.event.MessageDelivered;
import io.cadencerules.event.MessageFailed;
import io.cadencerules.event.MessageRead;
import io.cadencerules.event.ReplyReceived;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns provider callbacks (delivery receipts, replies, key presses, clicks, call outcomes) in a
 * simple generic JSON format into typed events. Never throws on bad input: every problem is returned
 * with the JSON path of the field.
 *
 * <p>The body is one callback object, an array of them, or {@code {"callbacks": [...]}}. A callback:
 * <pre>{@code
 * {"type": "reply", "id": "cb-991", "occurredAt": "2026-03-10T12:05:00Z",
 *  "customerId": "c-1", "subjectKey": "inv-9", "channel": "TWO_WAY_SMS",
 *  "dispatchKey": "c-1/inv-9/card-late#1/d0-sms/TWO_WAY_SMS/1", "text": "QUERO"}
 * }</pre>
 * {@code type} is one of {@code delivered}, {@code failed} (needs {@code reason}; optional
 * {@code permanent}, default false), {@code read}, {@code reply} (needs {@code text}), {@code key}
 * (needs {@code digit}: 0-9, * or #), {@code click} (needs {@code link}; {@code channel} optional),
 * {@code call} (needs {@code result}: ANSWERED, NOT_ANSWERED, BUSY, VOICEMAIL). {@code id} must be
 * unique per callback (the engine handles an id once); {@code subjectKey} and {@code dispatchKey}
 * are optional. Providers usually echo {@code customerId}, {@code subjectKey} and
 * {@code idempotencyKey} (as {@code dispatchKey}) from the webhook body. Unknown fields are ignored.
 */
public final class ProviderCallbacks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TYPES = List.of("delivered", "failed", "read", "reply", "key", "click", "call");

    private ProviderCallbacks() {
    }

    /**
     * Parses a callback body.
     *
     * @param json the raw body
     * @return the events and problems; never throws
     */
    public static CallbackBatch parse(String json) {
        if (json == null || json.isBlank()) {
            return new CallbackBatch(List.of(), List.of(new CallbackProblem("$", "no JSON given")));
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            return new CallbackBatch(List.of(), List.of(new CallbackProblem("$", "is not valid JSON" + where)));
        }
        List<Event> events = new ArrayList<>();
        List<CallbackProblem> problems = new ArrayList<>();
        if (root.isObject() && root.has("callbacks")) {
            JsonNode list = root.get("callbacks");
            if (!list.isArray()) {
                problems.add(new CallbackProblem("$.callbacks", "must be an array, but was " + kind(list)));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    one(list.get(i), "$.callbacks[" + i + "]", events, problems);
                }
            }
        } else if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                one(root.get(i), "$[" + i + "]", events, problems);
            }
        } else {
            one(root, "$", events, problems);
        }
        return new CallbackBatch(events, problems);
    }

    private static void one(JsonNode node, String path, List<Event> events, List<CallbackProblem> problems) {
        if (!node.isObject()) {
            problems.add(new CallbackProblem(path, "must be a callback object, but was " + kind(node)));
            return;
        }
        Fields f = new Fields(node, path);
        String type = f.text("type", true);
        if (type != null && !TYPES.contains(type)) {
            f.problem("type", "must be one of " + String.join(", ", TYPES) + ", but was '" + type + "'");
            type = null;
        }
        String id = f.text("id", true);
        Instant at = f.instant("occurredAt");
        String customer = f.text("customerId", true);
        String subject = f.text("subjectKey", false);
        String dispatchKey = f.text("dispatchKey", false);
        Channel channel = "click".equals(type) ? f.channel(false) : f.channel(true);
        Event event = null;
        try {
            event = type == null ? null : event(type, f, id, at, customer, subject, dispatchKey, channel);
        } catch (IllegalArgumentException e) {
            f.problems.add(new CallbackProblem(path, e.getMessage()));
        }
        problems.addAll(f.problems);
        if (event != null) {
            events.add(event);
        }
    }

    private static Event event(String type, Fields f, String id, Instant at, String customer, String subject,
                               String dispatchKey, Channel channel) {
        Event event = null;
        {
            switch (type) {
                case "delivered" -> {
                    if (f.ok()) {
                        event = new MessageDelivered(id, at, customer, subject, channel, dispatchKey);
                    }
                }
                case "failed" -> {
                    String reason = f.text("reason", true);
                    boolean permanent = f.bool("permanent");
                    if (f.ok()) {
                        event = new MessageFailed(id, at, customer, subject, channel, dispatchKey, reason, permanent);
                    }
                }
                case "read" -> {
                    if (f.ok()) {
                        event = new MessageRead(id, at, customer, subject, channel, dispatchKey);
                    }
                }
                case "reply" -> {
                    String text = f.text("text", true);
                    if (f.ok()) {
                        event = new ReplyReceived(id, at, customer, subject, channel, text);
                    }
                }
                case "key" -> {
                    String digit = f.text("digit", true);
                    if (digit != null && !digit.matches("[0-9*#]")) {
                        f.problem("digit", "must be one of 0-9, * or #, but was '" + digit + "'");
                    }
                    if (f.ok()) {
                        event = new KeyPressed(id, at, customer, subject, digit.charAt(0));
                    }
                }
                case "click" -> {
                    String link = f.text("link", true);
                    if (f.ok()) {
                        event = new LinkClicked(id, at, customer, subject, link);
                    }
                }
                case "call" -> {
                    CallOutcome.Result result = f.result();
                    if (f.ok()) {
                        event = new CallOutcome(id, at, customer, subject, channel, result, dispatchKey);
                    }
                }
                default -> throw new IllegalStateException("unhandled callback type " + type);
            }
        }
        return event;
    }

    private static String kind(JsonNode node) {
        return node.isNull() ? "null" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Reads fields of one callback, collecting problems with their paths. */
    private static final class Fields {
        private final JsonNode node;
        private final String path;
        private final List<CallbackProblem> problems = new ArrayList<>();

        Fields(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        boolean ok() {
            return problems.isEmpty();
        }

        void problem(String field, String message) {
            problems.add(new CallbackProblem(path + "." + field, message));
        }

        String text(String field, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    problem(field, "is required");
                }
                return null;
            }
            if (!value.isTextual()) {
                problem(field, "must be a string, but was " + kind(value) + " " + value);
                return null;
            }
            if (value.asText().isBlank()) {
                if (required) {
                    problem(field, "must not be blank");
                }
                return null;
            }
            return value.asText();
        }

        Instant instant(String field) {
            String text = text(field, true);
            if (text == null) {
                return null;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                problem(field, "must be an ISO-8601 instant such as 2026-03-10T12:05:00Z, but was '" + text + "'");
                return null;
            }
        }

        boolean bool(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return false;
            }
            if (!value.isBoolean()) {
                problem(field, "must be true or false, but was " + value);
                return false;
            }
            return value.asBoolean();
        }

        Channel channel(boolean required) {
            String text = text("channel", required);
            if (text == null) {
                return null;
            }
            try {
                return Channel.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem("channel", "must be one of " + Arrays.stream(Channel.values()).map(Enum::name)
                        .collect(Collectors.joining(", ")) + ", but was '" + text + "'");
                return null;
            }
        }

        CallOutcome.Result result() {
            String text = text("result", true);
            if (text == null) {
                return null;
            }
            try {
                return CallOutcome.Result.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem("result", "must be one of ANSWERED, NOT_ANSWERED, BUSY, VOICEMAIL, but was '" + text + "'");
                return null;
            }
        }
    }
}
