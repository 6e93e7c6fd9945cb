package io.cadencerules.json;

/**
 * Bad JSON input: the message starts with the JSON path of the offending value
 * ({@code $.steps[2].timing.days: ...}).
 */
public final class JsonPathException extends IllegalArgumentException {

    private final String path;

    JsonPathException(String path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    /** The JSON path of the offending value, e.g. {@code $.steps[2].timing}; {@code $} for the document. */
    public String path() {
        return path;
    }
}
