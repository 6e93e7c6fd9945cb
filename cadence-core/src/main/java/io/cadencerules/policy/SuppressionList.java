package io.cadencerules.policy;

import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A do-not-contact list: Não Me Perturbe, a national DNC registry, a state list, the company's own.
 * Each applies to some purposes (Não Me Perturbe covers offers, not collection) and channels, and
 * has a freshness limit: a list older than {@link #maxAge()} blocks every contact it covers,
 * because it can no longer prove a number is not registered. Implement it over your provider's
 * API or file; {@link SuppressionLists#inMemory} keeps one in memory.
 */
public interface SuppressionList {

    /** The list's name, recorded with the contacts it stops (e.g. {@code nao-me-perturbe}). */
    String name();

    /** The purposes it applies to. */
    Set<Purpose> purposes();

    /** The channels it applies to. */
    Set<Channel> channels();

    /** When the copy consulted was last refreshed. */
    Instant refreshedAt();

    /** The oldest a copy may be before it stops every contact it covers. */
    Duration maxAge();

    /** How long after registration a listing takes effect (0 = at once; the law may allow up to 30 days). */
    default Duration grace() {
        return Duration.ZERO;
    }

    /**
     * When the address (an E.164 number or an e-mail) was registered, if it is on the list.
     *
     * @param address the contact point's value
     */
    Optional<Instant> registeredAt(String address);
}
