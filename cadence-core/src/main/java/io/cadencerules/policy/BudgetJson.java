package io.cadencerules.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cadencerules.channel.Channel;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads the budget's data files (cost tables, response tables) as JSON trees, strictly: duplicate
 * keys, trailing content and unknown fields are refused, and every problem names the file and the
 * JSON path ({@code costs.json $.entries[2].price: must not be negative, but was -1}).
 */
final class BudgetJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private BudgetJson() {
    }

    /** The document's root object. */
    static Obj read(Reader json, String where) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + " " + pathOf(e) + ": " + problem(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + where, e);
        }
        if (root == null || root.isMissingNode()) {
            throw fail(where, "$", "no JSON given");
        }
        return new Obj(root, where, "$");
    }

    static IllegalArgumentException fail(String where, String path, String problem) {
        return new IllegalArgumentException(where + " " + path + ": " + problem);
    }

    static String kind(JsonNode node) {
        return node.isNull() ? "null" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String pathOf(JsonProcessingException e) {
        if (e instanceof StreamReadException read && read.getProcessor() != null) {
            List<String> parts = new ArrayList<>();
            for (JsonStreamContext c = read.getProcessor().getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inArray()) {
                    parts.add("[" + Math.max(c.getCurrentIndex(), 0) + "]");
                } else if (c.getCurrentName() != null) {
                    parts.add("." + c.getCurrentName());
                }
            }
            Collections.reverse(parts);
            return "$" + String.join("", parts);
        }
        return "$";
    }

    private static String problem(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        int cut = message.indexOf('\n');
        if (cut > 0) {
            message = message.substring(0, cut);
        }
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            message += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return message;
    }

    /** One JSON object, with its path, read field by field. */
    static final class Obj {
        final JsonNode node;
        final String where;
        final String path;

        Obj(JsonNode node, String where, String path) {
            if (!node.isObject()) {
                throw BudgetJson.fail(where, path, "must be an object, but was " + kind(node));
            }
            this.node = node;
            this.where = where;
            this.path = path;
        }

        /** Refuses fields other than {@code known}. */
        Obj only(String... known) {
            List<String> names = Arrays.asList(known);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!names.contains(name)) {
                    throw BudgetJson.fail(where, path + "." + name, "unknown field '" + name + "'; known fields are " + String.join(", ", names));
                }
            }
            return this;
        }

        IllegalArgumentException fail(String field, String problem) {
            return BudgetJson.fail(where, path + "." + field, problem);
        }

        String text(String field, String otherwise) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (otherwise == null) {
                    throw fail(field, "is required");
                }
                return otherwise;
            }
            if (!value.isTextual()) {
                throw fail(field, "must be a string, but was " + kind(value) + " " + value);
            }
            if (value.asText().isBlank()) {
                throw fail(field, "must not be blank");
            }
            return value.asText().strip();
        }

        /** A decimal written as a JSON number or a numeric string, read exactly. */
        BigDecimal decimal(String field, BigDecimal otherwise) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (otherwise == null) {
                    throw fail(field, "is required");
                }
                return otherwise;
            }
            if (value.isNumber()) {
                return value.decimalValue();
            }
            if (value.isTextual()) {
                try {
                    return new BigDecimal(value.asText().strip());
                } catch (NumberFormatException e) {
                    throw fail(field, "must be a decimal number, but was '" + value.asText() + "'");
                }
            }
            throw fail(field, "must be a decimal number, but was " + kind(value) + " " + value);
        }

        <E extends Enum<E>> E enumValue(String field, Class<E> type, E otherwise) {
            String text = text(field, otherwise == null ? null : otherwise.name());
            return enumOf(text, type, path + "." + field);
        }

        <E extends Enum<E>> E enumOf(String text, Class<E> type, String at) {
            try {
                return Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw BudgetJson.fail(where, at, "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                        .collect(Collectors.joining(", ")) + ", but was '" + text + "'");
            }
        }

        Channel channel(String field) {
            return enumValue(field, Channel.class, null);
        }

        /** The objects of an array field, each with its path. */
        List<Obj> objects(String field, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    throw fail(field, "is required");
                }
                return List.of();
            }
            if (!value.isArray()) {
                throw fail(field, "must be an array, but was " + kind(value));
            }
            List<Obj> objects = new ArrayList<>(value.size());
            for (int i = 0; i < value.size(); i++) {
                objects.add(new Obj(value.get(i), where, path + "." + field + "[" + i + "]"));
            }
            return objects;
        }

        /** An object field, or null when absent. */
        Obj object(String field, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    throw fail(field, "is required");
                }
                return null;
            }
            return new Obj(value, where, path + "." + field);
        }

        /** The field names of this object, in document order. */
        List<String> names() {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            return names;
        }
    }
}
