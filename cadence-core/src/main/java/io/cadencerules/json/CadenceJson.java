package io.cadencerules.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cadencerules.cadence.Cadence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cadences as JSON files, so rule authors and operations can keep réguas next to the code. The
 * format mirrors {@link Cadence}'s components; polymorphic parts carry a {@code "type"}
 * ({@code "offset"}, {@code "wait"}, {@code "on-event"}; {@code "segment"}, {@code "rule"};
 * {@code "key"}, {@code "reply"}, {@code "click"}; {@code "go-to"}, {@code "hand-off"},
 * {@code "stop"}, {@code "start-cadence"}). See {@code docs/cadence-json.md}.
 */
public final class CadenceJson {

    private CadenceJson() {
    }

    /** The cadence as indented JSON. */
    public static String write(Cadence cadence) {
        try {
            return Mappers.MAPPER.writeValueAsString(cadence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cadence '" + cadence.id() + "' could not be written as JSON", e);
        }
    }

    /**
     * Reads and validates a cadence.
     *
     * @throws JsonPathException naming the JSON path of the first problem (syntax, type, or a
     *                           validation rule of the definition)
     */
    public static Cadence read(String json) {
        if (json == null || json.isBlank()) {
            throw new JsonPathException("$", "no JSON given", null);
        }
        try {
            Cadence cadence = Mappers.MAPPER.readValue(json, Cadence.class);
            if (cadence == null) {
                throw new JsonPathException("$", "expected a cadence object, but was null", null);
            }
            return cadence;
        } catch (JsonProcessingException e) {
            throw Mappers.translate(e, json);
        }
    }

    /** Reads and validates a cadence from a UTF-8 file; errors are prefixed with the file name. */
    public static Cadence read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cadence file " + file, e);
        }
        try {
            return read(text);
        } catch (JsonPathException e) {
            throw new JsonPathException(file.getFileName() + " " + e.path(), e.getMessage().substring(e.path().length() + 2), e);
        }
    }
}
