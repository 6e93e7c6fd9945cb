package io.cadencerules.rules;

/**
 * One problem in a DRL file.
 *
 * @param file    the file name (as given to the rule book)
 * @param line    1-based line, or 0 when Drools gives none
 * @param column  column, or 0 when Drools gives none
 * @param message what Drools said
 */
public record RuleError(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
