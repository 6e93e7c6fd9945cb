package io.cadencerules.channels.address;

import java.util.regex.Pattern;

/**
 * A pragmatic e-mail syntax check: what mail providers actually accept, not the whole of RFC 5322.
 *
 * <p>Accepted: {@code local@domain} where the local part is 1–64 characters of letters, digits and
 * {@code !#$%&'*+/=?^_`{|}~-} in dot-separated runs (no leading, trailing or double dot), and the
 * domain has at least two dot-separated labels of letters, digits and hyphens (1–63 characters, no
 * hyphen at either end) ending in an alphabetic top-level label of 2+ characters (or a punycode
 * {@code xn--} label); at most 254 characters in all. Rejected on purpose although RFC 5322 allows
 * them: quoted local parts, comments, IP-literal domains ({@code user@[10.0.0.1]}), single-label
 * domains ({@code user@localhost}) and non-ASCII addresses (SMTPUTF8 is rare among Brazilian
 * providers). A syntactically valid address may still not exist: bounces come back as
 * {@code MessageFailed} events.
 */
public final class EmailAddresses {

    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern TOP = Pattern.compile("[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59}");

    private EmailAddresses() {
    }

    /**
     * Checks an address.
     *
     * @param address the address
     * @return the check, never null
     */
    public static EmailCheck check(String address) {
        if (address == null || address.isBlank()) {
            return new EmailCheck(address, false, "is empty");
        }
        String a = address.strip();
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c > 126 || c < 33) {
                return new EmailCheck(address, false, "contains " + (Character.isWhitespace(c) ? "a space" : "the character '" + c + "'")
                        + " at position " + (i + 1) + ", and only printable ASCII is accepted");
            }
        }
        if (a.length() > 254) {
            return new EmailCheck(address, false, "is " + a.length() + " characters long, more than 254");
        }
        int at = a.indexOf('@');
        if (at < 0) {
            return new EmailCheck(address, false, "has no '@'");
        }
        if (a.indexOf('@', at + 1) >= 0) {
            return new EmailCheck(address, false, "has more than one '@'");
        }
        String local = a.substring(0, at);
        String domain = a.substring(at + 1);
        if (local.isEmpty()) {
            return new EmailCheck(address, false, "has nothing before the '@'");
        }
        if (local.length() > 64) {
            return new EmailCheck(address, false, "has a local part of " + local.length() + " characters, more than 64");
        }
        if (!LOCAL.matcher(local).matches()) {
            return new EmailCheck(address, false, local.startsWith(".") || local.endsWith(".") || local.contains("..")
                    ? "has a local part with a leading, trailing or double dot"
                    : "has a local part with characters e-mail does not allow (\"(),:;<>[\\] )");
        }
        if (domain.isEmpty()) {
            return new EmailCheck(address, false, "has nothing after the '@'");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return new EmailCheck(address, false, "has domain '" + domain + "' without a dot (a top-level domain is needed)");
        }
        for (String label : labels) {
            if (label.isEmpty()) {
                return new EmailCheck(address, false, "has domain '" + domain + "' with an empty label (leading, trailing or double dot)");
            }
            if (!LABEL.matcher(label).matches()) {
                return new EmailCheck(address, false, "has domain label '" + label
                        + "' that is not 1-63 letters, digits or inner hyphens");
            }
        }
        String top = labels[labels.length - 1];
        if (!TOP.matcher(top).matches()) {
            return new EmailCheck(address, false, "has top-level domain '" + top + "', which is not alphabetic");
        }
        return new EmailCheck(address, true, "");
    }
}
