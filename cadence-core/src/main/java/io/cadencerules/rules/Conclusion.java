package io.cadencerules.rules;

import java.util.Objects;

/**
 * Something a rule concluded about a fact ({@link #about()}): a segment, a suppression, a channel
 * choice, an offer… Rules insert conclusions; the rule book records which rule inserted each one
 * ({@link #rule()}), and the engine records that name as the reason's detail.
 */
public abstract class Conclusion {

    private final Object about;
    private String rule = "";

    /** A conclusion about {@code about} (a {@link DueStep}, an {@link Enrolment}, an {@link EventFact}…). */
    protected Conclusion(Object about) {
        this.about = Objects.requireNonNull(about, "a conclusion must say what it is about");
    }

    /** The fact it concerns. */
    public Object about() {
        return about;
    }

    /** The name of the rule that inserted it (empty if inserted from outside the rules). */
    public String rule() {
        return rule;
    }

    void firedBy(String ruleName) {
        if (rule.isEmpty()) {
            rule = ruleName;
        }
    }

    static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank, but was '" + value + "'");
        }
        return value;
    }
}
