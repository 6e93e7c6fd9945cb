package io.cadencerules.policy;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * What the contact policy remembers per person across all cadences and channels: the attempts that
 * frequency caps count, conversations, opt-outs and account notices. The in-memory implementation
 * is {@link InMemoryContactLedger}; {@code io.cadencerules.store.jdbc.JdbcContactLedger} keeps it in
 * PostgreSQL, so that several engine instances respect the same caps. Implementations must be
 * thread-safe; each implementation's test extends {@code io.cadencerules.testkit.ContactLedgerContract}.
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

    /**
     * How long attempts and conversations are kept at least, counted back from the newest entry
     * written for the person, or null when they are kept for good (the default). A
     * {@link ContactPolicy} refuses a ledger whose retention is shorter than its longest cap or quiet period.
     */
    default Duration retention() {
        return null;
    }
}
