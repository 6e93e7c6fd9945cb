package io.cadencerules.channels.address;

/**
 * The result of an e-mail syntax check.
 *
 * @param input   the text checked
 * @param valid   true when the address passes
 * @param problem why not (without the address), or empty
 */
public record EmailCheck(String input, boolean valid, String problem) {

    /** Normalises empty fields. */
    public EmailCheck {
        input = input == null ? "" : input;
        problem = problem == null ? "" : problem;
        if (valid != problem.isEmpty()) {
            throw new IllegalArgumentException("e-mail '" + input + "' check must have a problem exactly when invalid");
        }
    }

    /** {@code e-mail '<input>' <problem>}. */
    public String message() {
        return "e-mail '" + input + "' " + (valid ? "is valid" : problem);
    }

    /** Like {@link #message()} with the address masked: {@code e-mail a***@example.com has…}. */
    public String maskedMessage() {
        return "e-mail " + Masking.email(input) + " " + (valid ? "is valid" : problem);
    }
}
