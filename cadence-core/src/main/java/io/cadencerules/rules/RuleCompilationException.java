package io.cadencerules.rules;

import java.util.List;
import java.util.stream.Collectors;

/** DRL that does not compile: every error with its file, line and column. */
public final class RuleCompilationException extends IllegalArgumentException {

    private final transient List<RuleError> errors;

    RuleCompilationException(String book, List<RuleError> errors) {
        super("rule book '" + book + "' does not compile: " + errors.size() + " error(s)\n"
                + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    /** The errors, in Drools' order. */
    public List<RuleError> errors() {
        return errors;
    }
}
