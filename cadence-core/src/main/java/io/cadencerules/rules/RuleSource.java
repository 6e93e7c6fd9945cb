package io.cadencerules.rules;

import java.util.Objects;

/**
 * One DRL file's name and text.
 *
 * @param name file name, e.g. "segmentation.drl"; used in error messages
 * @param text the DRL
 */
public record RuleSource(String name, String text) {
    public RuleSource {
        if (name == null || !name.endsWith(".drl")) {
            throw new IllegalArgumentException("rule source name must end with .drl, but was '" + name + "'");
        }
        Objects.requireNonNull(text, () -> "rule source '" + name + "' has no text");
    }
}
