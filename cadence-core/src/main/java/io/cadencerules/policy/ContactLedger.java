package io.cadencerules.policy;

import java.util.List;
import java.util.function.Function;

/**
 * What the contact policy remembers per person across all cadences and channels: the attempts that
 * frequency caps count, conversations, opt-outs and account notices. The in-memory implementation
 * is {@link InMemoryContactLedger}; a shared database one lets several engine instances respect
 * the same caps. Implementations must be thread-safe.
 */
public interface ContactLedger {

    /** Adds an entry for the person. */
    void record(String customerId, ContactEntry entry);

    /** The person's entries, oldest first (attempts and conversations older than the retention may be gone). */
    List<ContactEntry> entries(String customerId);

    /**
     * Atomically: asks {@code check} about the person's entries and, when it answers null, adds the
     * attempt; no other reservation or record for the person happens in between.
     *
     * @return null when the attempt was added, else {@code check}'s answer
     */
    <T> T reserve(String customerId, ContactEntry.Attempt attempt, Function<List<ContactEntry>, T> check);

    /** Removes a reserved attempt that was not sent after all; unknown attempts are ignored. */
    void cancel(String customerId, ContactEntry.Attempt attempt);
}
