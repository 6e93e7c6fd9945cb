package io.cadencerules.testkit;

import io.cadencerules.rules.Conclusion;
import io.cadencerules.rules.Evaluation;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

import java.util.List;

/**
 * AssertJ assertions for a rule book's {@link Evaluation}, for rule authors testing DRL files:
 *
 * <pre>{@code
 * DueStep step = ...;
 * Evaluation result = book.evaluate(step);
 * assertThat(result).fired("No voice blasts on weekends for the payroll segment")
 *         .concluded(step, Suppress.class).extracting(Suppress::getReason).containsExactly("no-voice-on-weekends");
 * }</pre>
 */
public final class EvaluationAssert extends AbstractAssert<EvaluationAssert, Evaluation> {

    EvaluationAssert(Evaluation actual) {
        super(actual, EvaluationAssert.class);
    }

    /** Each of these rules fired (at least once). */
    public EvaluationAssert fired(String... rules) {
        isNotNull();
        for (String rule : rules) {
            if (!actual.fired().contains(rule)) {
                failWithMessage("expected rule '%s' to fire, but the rules that fired were %s", rule, actual.fired());
            }
        }
        return this;
    }

    /** Exactly these rules fired, in this order. */
    public EvaluationAssert firedExactly(String... rules) {
        isNotNull();
        if (!actual.fired().equals(List.of(rules))) {
            failWithMessage("expected the rules %s to fire, in this order, but %s fired", List.of(rules), actual.fired());
        }
        return this;
    }

    /** None of these rules fired. */
    public EvaluationAssert didNotFire(String... rules) {
        isNotNull();
        for (String rule : rules) {
            if (actual.fired().contains(rule)) {
                failWithMessage("expected rule '%s' not to fire, but it did (fired: %s)", rule, actual.fired());
            }
        }
        return this;
    }

    /** No conclusion at all. */
    public EvaluationAssert concludedNothing() {
        isNotNull();
        if (!actual.conclusions().isEmpty()) {
            failWithMessage("expected no conclusion, but the rules concluded %s", actual.conclusions());
        }
        return this;
    }

    /** The conclusions of a type about one fact, for further assertions. */
    public <T extends Conclusion> ListAssert<T> concluded(Object fact, Class<T> type) {
        isNotNull();
        return Assertions.assertThat(actual.about(fact, type)).as("%s conclusions about %s", type.getSimpleName(), fact);
    }
}
