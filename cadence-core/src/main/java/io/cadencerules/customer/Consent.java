package io.cadencerules.customer;

import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer's recorded consent (or refusal) to be contacted on a channel for a purpose.
 * The contact policy reads these; the latest record for a channel and purpose wins.
 *
 * @param channel    the channel the consent covers
 * @param purpose    the purpose it covers
 * @param granted    true for consent, false for a refusal / revocation
 * @param recordedAt when it was given or revoked
 */
public record Consent(Channel channel, Purpose purpose, boolean granted, Instant recordedAt) {
    public Consent {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
