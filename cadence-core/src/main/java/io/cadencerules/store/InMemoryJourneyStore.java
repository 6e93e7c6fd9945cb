package io.cadencerules.store;

import io.cadencerules.customer.Customer;
import io.cadencerules.event.Rejection;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyKey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The default store: everything in the JVM's heap, nothing survives a restart. Good for tests,
 * simulations and single-instance applications that rebuild their journeys on start.
 *
 * <p>Due journeys are indexed in a time-ordered map of buckets (one per due millisecond) with lazy
 * removal: a journey whose due time changes is re-added and its old entry is skipped when met.
 * Event ids are kept for a retention window (default 30 days of event time) for idempotency.
 *
 * <p>For large portfolios, {@link CompactJourneyStore} keeps the same journeys in about a fifth of
 * the heap.
 */
public final class InMemoryJourneyStore extends MemoryBookkeeping {

    private static final long NOT_INDEXED = Long.MIN_VALUE;

    private final ConcurrentHashMap<JourneyKey, Slot> slots = new ConcurrentHashMap<>();
    /** customer id → JourneyKey or JourneyKey[] (most customers have one journey). */
    private final ConcurrentHashMap<String, Object> byCustomer = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Customer> customers = new ConcurrentHashMap<>();

    private final ReentrantLock indexLock = new ReentrantLock();
    private final TreeMap<Long, ArrayList<Slot>> dueIndex = new TreeMap<>();
    private final Set<Slot> leased = ConcurrentHashMap.newKeySet();


    /** A store that keeps event ids for 30 days and the last 100,000 rejections. */
    public InMemoryJourneyStore() {
        this(Duration.ofDays(30), 100_000);
    }

    /**
     * @param eventRetention how long (in event time) event ids are remembered for de-duplication
     * @param maxRejections  how many rejections are kept (oldest dropped first)
     */
    public InMemoryJourneyStore(Duration eventRetention, int maxRejections) {
        super(eventRetention, maxRejections);
    }

    @Override
    public void saveCustomer(Customer customer) {
        customers.put(customer.id(), customer);
    }

    @Override
    public Optional<Customer> customer(String customerId) {
        return Optional.ofNullable(customers.get(customerId));
    }

    @Override
    public boolean insert(Journey journey) {
        if (journey.version() != 1) {
            throw new IllegalArgumentException("a new journey must have version 1, but " + journey.id() + " has " + journey.version());
        }
        JourneyKey key = journey.key();
        Slot fresh = new Slot(journey);
        Slot existing = slots.putIfAbsent(key, fresh);
        Slot slot;
        if (existing == null) {
            indexCustomer(key);
            slot = fresh;
        } else {
            synchronized (existing) {
                Journey current = existing.current;
                if (journey.id().run() <= current.id().run() || current.isLive()) {
                    return false;
                }
                existing.previous = existing.previous == null ? new Journey[] {current} : append(existing.previous, current);
                existing.current = journey;
            }
            slot = existing;
        }
        reindex(slot);
        return true;
    }

    @Override
    public boolean replace(Journey next) {
        Slot slot = slots.get(next.key());
        if (slot == null) {
            return false;
        }
        synchronized (slot) {
            Journey current = slot.current;
            if (!current.id().equals(next.id()) || current.version() != next.version() - 1) {
                return false;
            }
            slot.current = next;
        }
        reindex(slot);
        return true;
    }

    @Override
    public Optional<Journey> find(JourneyId id) {
        Slot slot = slots.get(id.key());
        if (slot == null) {
            return Optional.empty();
        }
        synchronized (slot) {
            if (slot.current.id().equals(id)) {
                return Optional.of(slot.current);
            }
            if (slot.previous != null) {
                for (Journey j : slot.previous) {
                    if (j.id().equals(id)) {
                        return Optional.of(j);
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Journey> latest(JourneyKey key) {
        Slot slot = slots.get(key);
        return slot == null ? Optional.empty() : Optional.of(slot.current);
    }

    @Override
    public List<Journey> query(JourneyQuery query) {
        List<Journey> out = new ArrayList<>();
        Iterable<Slot> candidates = query.customerId() == null ? slots.values() : customerSlots(query.customerId());
        for (Slot slot : candidates) {
            for (Journey j : slot.all()) {
                if ((query.cadenceId() == null || query.cadenceId().equals(j.cadenceId()))
                        && (query.status() == null || query.status() == j.status())) {
                    out.add(j);
                    if (out.size() >= query.limit()) {
                        return out;
                    }
                }
            }
        }
        return out;
    }

    @Override
    public List<Journey> claimDue(Instant now, int limit, Lease lease) {
        if (limit < 1) {
            throw new IllegalArgumentException("claim limit must be at least 1, but was " + limit);
        }
        long nowMillis = now.toEpochMilli();
        List<Journey> claimed = new ArrayList<>(Math.min(limit, 1024));
        indexLock.lock();
        try {
            sweepExpiredLeases(now);
            while (claimed.size() < limit && !dueIndex.isEmpty()) {
                Map.Entry<Long, ArrayList<Slot>> first = dueIndex.firstEntry();
                if (first.getKey() > nowMillis) {
                    break;
                }
                ArrayList<Slot> bucket = first.getValue();
                while (!bucket.isEmpty() && claimed.size() < limit) {
                    Slot slot = bucket.remove(bucket.size() - 1);
                    synchronized (slot) {
                        if (slot.indexedAt == first.getKey() && slot.leaseOwner == null) {
                            slot.indexedAt = NOT_INDEXED;
                            slot.leaseOwner = lease.owner();
                            slot.leaseUntil = lease.until();
                            leased.add(slot);
                            claimed.add(slot.current);
                        }
                    }
                }
                if (bucket.isEmpty()) {
                    dueIndex.pollFirstEntry();
                }
            }
        } finally {
            indexLock.unlock();
        }
        return claimed;
    }

    @Override
    public boolean claim(JourneyId id, Instant now, Lease lease) {
        Slot slot = slots.get(id.key());
        if (slot == null) {
            return false;
        }
        synchronized (slot) {
            if (!slot.current.id().equals(id)) {
                return false;
            }
            if (slot.leaseOwner != null && !slot.leaseOwner.equals(lease.owner()) && slot.leaseUntil.isAfter(now)) {
                return false;
            }
            slot.leaseOwner = lease.owner();
            slot.leaseUntil = lease.until();
            slot.indexedAt = NOT_INDEXED;
            leased.add(slot);
            return true;
        }
    }

    @Override
    public void release(JourneyId id, String owner) {
        Slot slot = slots.get(id.key());
        if (slot == null) {
            return;
        }
        synchronized (slot) {
            if (!owner.equals(slot.leaseOwner)) {
                return;
            }
            slot.leaseOwner = null;
            slot.leaseUntil = null;
            leased.remove(slot);
        }
        reindex(slot);
    }

    @Override
    public Optional<Instant> nextDue() {
        indexLock.lock();
        try {
            Iterator<Map.Entry<Long, ArrayList<Slot>>> it = dueIndex.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, ArrayList<Slot>> entry = it.next();
                for (Slot slot : entry.getValue()) {
                    synchronized (slot) {
                        if (slot.indexedAt == entry.getKey() && slot.leaseOwner == null) {
                            return Optional.of(Instant.ofEpochMilli(entry.getKey())); // when claimDue hands it out
                        }
                    }
                }
                it.remove(); // only stale entries were left in this bucket
            }
            return Optional.empty();
        } finally {
            indexLock.unlock();
        }
    }

    /** Number of journeys held (all runs). */
    public int size() {
        int n = 0;
        for (Slot slot : slots.values()) {
            n += slot.previous == null ? 1 : 1 + slot.previous.length;
        }
        return n;
    }

    private void reindex(Slot slot) {
        long at;
        synchronized (slot) {
            Instant due = slot.current.dueAt();
            if (due == null || slot.leaseOwner != null) {
                slot.indexedAt = NOT_INDEXED;
                return;
            }
            at = ceilMillis(due);
            if (slot.indexedAt == at) {
                return;
            }
            slot.indexedAt = at;
        }
        indexLock.lock();
        try {
            dueIndex.computeIfAbsent(at, k -> new ArrayList<>(1)).add(slot);
        } finally {
            indexLock.unlock();
        }
    }

    private void sweepExpiredLeases(Instant now) {
        if (leased.isEmpty()) {
            return;
        }
        for (Iterator<Slot> it = leased.iterator(); it.hasNext(); ) {
            Slot slot = it.next();
            synchronized (slot) {
                if (slot.leaseOwner == null || slot.leaseUntil.isAfter(now)) {
                    continue;
                }
                slot.leaseOwner = null;
                slot.leaseUntil = null;
                it.remove();
                Instant due = slot.current.dueAt();
                if (due != null) {
                    slot.indexedAt = ceilMillis(due);
                    dueIndex.computeIfAbsent(slot.indexedAt, k -> new ArrayList<>(1)).add(slot);
                }
            }
        }
    }

    private static long ceilMillis(Instant instant) {
        long millis = instant.toEpochMilli();
        return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }

    private void indexCustomer(JourneyKey key) {
        byCustomer.merge(key.customerId(), key, (old, add) -> {
            JourneyKey k = (JourneyKey) add;
            return old instanceof JourneyKey single ? new JourneyKey[] {single, k} : append((JourneyKey[]) old, k);
        });
    }

    private List<Slot> customerSlots(String customerId) {
        Object keys = byCustomer.get(customerId);
        if (keys == null) {
            return List.of();
        }
        JourneyKey[] all = keys instanceof JourneyKey single ? new JourneyKey[] {single} : (JourneyKey[]) keys;
        List<Slot> out = new ArrayList<>(all.length);
        for (JourneyKey key : all) {
            Slot slot = slots.get(key);
            if (slot != null) {
                out.add(slot);
            }
        }
        return out;
    }

    private static <T> T[] append(T[] array, T item) {
        T[] grown = Arrays.copyOf(array, array.length + 1);
        grown[array.length] = item;
        return grown;
    }

    /** One key's journeys: the latest run, older runs, and the lease. Guarded by its own monitor. */
    private static final class Slot {
        Journey current;
        Journey[] previous;
        String leaseOwner;
        Instant leaseUntil;
        long indexedAt = NOT_INDEXED;

        Slot(Journey journey) {
            this.current = journey;
        }

        synchronized List<Journey> all() {
            if (previous == null) {
                return List.of(current);
            }
            List<Journey> all = new ArrayList<>(Arrays.asList(previous));
            all.add(current);
            return all;
        }
    }
}
