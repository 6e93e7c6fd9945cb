package io.cadencerules.channels.callback;

import java.util.Objects;

/**
 * A callback (or a field of one) that could not become an event.
 *
 * @param path    JSON path of the problem, e.g. {@code $[2].digit}
 * @param message what is wrong, naming the expected and actual value
 */
public record CallbackProblem(String path, String message) {

    /** Validates the fields. */
    public CallbackProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
