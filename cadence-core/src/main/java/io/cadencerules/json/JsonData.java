package io.cadencerules.json;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Reads configuration data (policy packs, cost tables…) into records with the same strict Jackson
 * setup as cadences: unknown fields, duplicate keys and nulls inside lists are refused, and every
 * error names its JSON path.
 */
public final class JsonData {

    private JsonData() {
    }

    /**
     * Reads one value of {@code type}; the records' own validation runs as they are built.
     *
     * @param json  the JSON text
     * @param type  the record type
     * @param where the file or resource name, prefixed to the path in errors
     * @throws JsonPathException naming {@code where} and the JSON path of the first problem
     */
    public static <T> T read(String json, Class<T> type, String where) {
        String prefix = where == null || where.isEmpty() ? "" : where + " ";
        if (json == null || json.isBlank()) {
            throw new JsonPathException(prefix + "$", "no JSON given", null);
        }
        try {
            T value = Mappers.MAPPER.readValue(json, type);
            if (value == null) {
                throw new JsonPathException(prefix + "$", "expected an object, but was null", null);
            }
            return value;
        } catch (JsonProcessingException e) {
            JsonPathException translated = Mappers.translate(e, json);
            String problem = translated.getMessage().substring(translated.path().length() + 2);
            throw new JsonPathException(prefix + translated.path(), problem, e);
        }
    }
}
