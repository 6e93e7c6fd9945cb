package io.cadencerules.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A {@link ContactLedger} in memory. Attempts and conversations older than the retention (default
 * 35 days, longer than any shipped cap) are dropped as new entries arrive; opt-outs and notices are kept.
 */
public final class InMemoryContactLedger implements ContactLedger {

    private final Duration retention;
    private final ConcurrentHashMap<String, List<ContactEntry>> people = new ConcurrentHashMap<>();

    /** A ledger keeping attempts and conversations for 35 days. */
    public InMemoryContactLedger() {
        this(Duration.ofDays(35));
    }

    /** A ledger keeping attempts and conversations for {@code retention}. */
    public InMemoryContactLedger(Duration retention) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("ledger retention must be positive, but was " + retention);
        }
        this.retention = retention;
    }

    /** How long attempts and conversations are kept. */
    @Override
    public Duration retention() {
        return retention;
    }

    @Override
    public void record(String customerId, ContactEntry entry) {
        Objects.requireNonNull(entry, "entry");
        List<ContactEntry> log = log(customerId);
        synchronized (log) {
            add(log, entry);
        }
    }

    @Override
    public List<ContactEntry> entries(String customerId) {
        List<ContactEntry> log = people.get(customerId);
        if (log == null) {
            return List.of();
        }
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public <T> T reserve(String customerId, ContactEntry.Attempt attempt, Function<List<ContactEntry>, T> check) {
        Objects.requireNonNull(attempt, "attempt");
        List<ContactEntry> log = log(customerId);
        synchronized (log) {
            T refusal = check.apply(java.util.Collections.unmodifiableList(log));
            if (refusal == null) {
                add(log, attempt);
            }
            return refusal;
        }
    }

    @Override
    public void cancel(String customerId, ContactEntry.Attempt attempt) {
        List<ContactEntry> log = people.get(customerId);
        if (log != null) {
            synchronized (log) {
                log.remove(attempt);
            }
        }
    }

    private List<ContactEntry> log(String customerId) {
        Objects.requireNonNull(customerId, "customerId");
        return people.computeIfAbsent(customerId, id -> new ArrayList<>(4));
    }

    /** Appends in time order and drops expired attempts and conversations. */
    private void add(List<ContactEntry> log, ContactEntry entry) {
        Instant horizon = entry.at().minus(retention);
        log.removeIf(e -> (e instanceof ContactEntry.Attempt || e instanceof ContactEntry.Conversation)
                && e.at().isBefore(horizon));
        int i = log.size();
        while (i > 0 && log.get(i - 1).at().isAfter(entry.at())) {
            i--;
        }
        log.add(i, entry);
    }

    @Override
    public String toString() {
        return "InMemoryContactLedger[" + people.size() + " people, retention " + retention + "]";
    }
}
