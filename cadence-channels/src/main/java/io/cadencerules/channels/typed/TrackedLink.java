package io.cadencerules.channels.typed;

/**
 * A link of an e-mail rewritten for click tracking.
 *
 * @param original the link as the template rendered it; a click callback should report this one as
 *                 {@code LinkClicked.link}, so that {@code onClick(link, …)} branches match
 * @param tracked  the link as sent: the original with the tracking parameter (the request's
 *                 idempotency key) added
 */
public record TrackedLink(String original, String tracked) {

    /** Validates the fields. */
    public TrackedLink {
        if (original == null || original.isBlank()) {
            throw new IllegalArgumentException("tracked link original must not be blank, but was '" + original + "'");
        }
        if (tracked == null || tracked.isBlank()) {
            throw new IllegalArgumentException("tracked link for '" + original + "' must not be blank, but was '" + tracked + "'");
        }
    }
}
