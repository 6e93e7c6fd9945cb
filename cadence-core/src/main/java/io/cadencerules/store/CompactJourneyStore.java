package io.cadencerules.store;

import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Subject;
import io.cadencerules.event.Rejection;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyKey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory store for large portfolios: the same contract and behaviour as
 * {@link InMemoryJourneyStore}, in about a third of the heap. Select it with
 * {@code CadenceEngine.builder().store(new CompactJourneyStore())}.
 *
 * <p>How it saves memory:
 * <ul>
 *   <li>Each journey is kept as one byte array ({@link JourneyCodec}): small varints, instants as
 *       deltas, step ids, reason codes, zones and segment sets as numbers of a per-store vocabulary,
 *       repeated detail strings from a dictionary. The customer id and the subject are kept by
 *       reference, shared with the application. Reads decode a fresh {@link Journey}; writes encode
 *       one, so a read costs a decode (about a microsecond for a dozen history entries).</li>
 *   <li>Journeys and customers live in paged parallel arrays indexed by int, found through one
 *       open-addressing table of customer ids (a customer's journeys are chained), instead of a
 *       hash map of key objects.</li>
 *   <li>The due index is a time-ordered map of buckets (one per due millisecond) of int journey
 *       numbers, with lazy removal as in {@link InMemoryJourneyStore}.</li>
 * </ul>
 * Older runs of a key and leases are kept in small side maps (few journeys have them at a time).
 * It holds up to 2<sup>26</sup> - 2 (about 67 million) customers.
 *
 * <p>One lock guards the structure; encoding and decoding happen outside it. Event ids are kept for
 * a retention window (default 30 days of event time) for idempotency.
 */
public final class CompactJourneyStore extends MemoryBookkeeping {

    private static final long NOT_INDEXED = JourneyCodec.NO_DUE;
    private static final int PAGE_BITS = 14;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int MASK = PAGE - 1;
    private static final int RECENT = 1 << 12;
    /** Customer numbers take the low bits of a table entry, a hash tag the others. */
    private static final int CUSTOMER_BITS = 26;
    private static final int TAG_BITS = 32 - CUSTOMER_BITS;
    private static final int MAX_CUSTOMERS = (1 << CUSTOMER_BITS) - 1;

    private final JourneyCodec.Vocabulary vocabulary = new JourneyCodec.Vocabulary();
    private final ReentrantLock lock = new ReentrantLock();

    // journeys, by number
    private JourneyPage[] journeyPages = new JourneyPage[4];
    private int journeys;
    // customers, by number, and the table of customer ids → number + 1
    private CustomerPage[] customerPages = new CustomerPage[4];
    private int customers;
    private int[] table = new int[1024];

    /**
     * The last journey decoded or written per journey number modulo {@value #RECENT}: a read right
     * after a claim or a write returns it without decoding, and a write whose history extends it
     * encodes only the new entries. Valid only while it holds the journey's current bytes (checked
     * by identity). Racy by design: a lost or stale entry is only a miss.
     */
    private final JourneyCodec.Encoded[] recent = new JourneyCodec.Encoded[RECENT];

    private final TreeMap<Long, IntBucket> dueIndex = new TreeMap<>();
    private final HashMap<Integer, Lease> leases = new HashMap<>();
    private final HashMap<Integer, List<PreviousRun>> previousRuns = new HashMap<>();


    /** A store that keeps event ids for 30 days and the last 100,000 rejections. */
    public CompactJourneyStore() {
        this(Duration.ofDays(30), 100_000);
    }

    /**
     * @param eventRetention how long (in event time) event ids are remembered for de-duplication
     * @param maxRejections  how many rejections are kept (oldest dropped first)
     */
    public CompactJourneyStore(Duration eventRetention, int maxRejections) {
        super(eventRetention, maxRejections);
    }

    // ------------------------------------------------------------------ customers

    @Override
    public void saveCustomer(Customer customer) {
        Objects.requireNonNull(customer, "customer");
        lock.lock();
        try {
            int c = customerNumber(customer.id(), true);
            customerPage(c).customer[c & MASK] = customer;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Customer> customer(String customerId) {
        lock.lock();
        try {
            int c = customerNumber(customerId, false);
            return c < 0 ? Optional.empty() : Optional.ofNullable(customerPage(c).customer[c & MASK]);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ journeys

    @Override
    public boolean insert(Journey journey) {
        if (journey.version() != 1) {
            throw new IllegalArgumentException("a new journey must have version 1, but " + journey.id() + " has " + journey.version());
        }
        JourneyCodec.Encoded encoded = JourneyCodec.encode(journey, vocabulary, null);
        byte[] data = encoded.bytes();
        int cadence = vocabulary.names.id(journey.cadenceId());
        int j;
        lock.lock();
        try {
            int c = customerNumber(journey.customerId(), true);
            j = journeyOf(c, journey.id().subjectKey(), cadence);
            if (j < 0) {
                j = journeys++;
                JourneyPage page = journeyPage(j);
                page.data[j & MASK] = data;
                page.subject[j & MASK] = journey.subject();
                page.customer[j & MASK] = c;
                page.indexedAt[j & MASK] = NOT_INDEXED;
                CustomerPage cp = customerPage(c);
                page.nextOfCustomer[j & MASK] = cp.firstJourney[c & MASK];
                cp.firstJourney[c & MASK] = j;
            } else {
                JourneyPage page = journeyPage(j);
                JourneyCodec.Header current = JourneyCodec.header(page.data[j & MASK]);
                if (journey.id().run() <= current.run() || !current.status().isTerminal()) {
                    return false;
                }
                previousRuns.computeIfAbsent(j, k -> new ArrayList<>(1))
                        .add(new PreviousRun(page.subject[j & MASK], page.data[j & MASK]));
                page.data[j & MASK] = data;
                page.subject[j & MASK] = journey.subject();
            }
            reindex(j, journey.dueAt());
        } finally {
            lock.unlock();
        }
        recent[j & (RECENT - 1)] = encoded;
        return true;
    }

    @Override
    public boolean replace(Journey next) {
        int cadence = vocabulary.names.find(next.cadenceId());
        int j;
        byte[] before;
        lock.lock();
        try {
            int c = customerNumber(next.customerId(), false);
            j = c < 0 ? -1 : journeyOf(c, next.id().subjectKey(), cadence);
            if (j < 0) {
                return false;
            }
            before = journeyPage(j).data[j & MASK];
            if (!follows(before, next)) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        JourneyCodec.Encoded base = recent[j & (RECENT - 1)];
        JourneyCodec.Encoded encoded = JourneyCodec.encode(next, vocabulary, base != null && base.bytes() == before ? base : null);
        lock.lock();
        try {
            JourneyPage page = journeyPage(j);
            if (page.data[j & MASK] != before && !follows(page.data[j & MASK], next)) {
                return false; // written meanwhile
            }
            page.data[j & MASK] = encoded.bytes();
            page.subject[j & MASK] = next.subject();
            reindex(j, next.dueAt());
        } finally {
            lock.unlock();
        }
        recent[j & (RECENT - 1)] = encoded;
        return true;
    }

    /** True when {@code next} is the version after the encoded journey, in the same run. */
    private static boolean follows(byte[] current, Journey next) {
        JourneyCodec.Header h = JourneyCodec.header(current);
        return h.run() == next.id().run() && h.version() == next.version() - 1;
    }

    @Override
    public Optional<Journey> find(JourneyId id) {
        String customerId;
        Subject subject;
        byte[] data = null;
        int number = -1;
        int cadence = vocabulary.names.find(id.cadenceId());
        lock.lock();
        try {
            int c = customerNumber(id.customerId(), false);
            int j = c < 0 ? -1 : journeyOf(c, id.subjectKey(), cadence);
            if (j < 0) {
                return Optional.empty();
            }
            customerId = customerPage(c).id[c & MASK];
            JourneyPage page = journeyPage(j);
            subject = page.subject[j & MASK];
            if (JourneyCodec.header(page.data[j & MASK]).run() == id.run()) {
                data = page.data[j & MASK];
                number = j;
            } else {
                for (PreviousRun previous : previousRuns.getOrDefault(j, List.of())) {
                    if (JourneyCodec.header(previous.data()).run() == id.run()) {
                        data = previous.data();
                        subject = previous.subject();
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        return data == null ? Optional.empty() : Optional.of(journey(new Snapshot(number, data, customerId, subject)));
    }

    @Override
    public Optional<Journey> latest(JourneyKey key) {
        String customerId;
        Subject subject;
        byte[] data;
        int j;
        int cadence = vocabulary.names.find(key.cadenceId());
        lock.lock();
        try {
            int c = customerNumber(key.customerId(), false);
            j = c < 0 ? -1 : journeyOf(c, key.subjectKey(), cadence);
            if (j < 0) {
                return Optional.empty();
            }
            customerId = customerPage(c).id[c & MASK];
            subject = journeyPage(j).subject[j & MASK];
            data = journeyPage(j).data[j & MASK];
        } finally {
            lock.unlock();
        }
        return Optional.of(journey(new Snapshot(j, data, customerId, subject)));
    }

    @Override
    public List<Journey> query(JourneyQuery query) {
        int cadence = query.cadenceId() == null ? -1 : vocabulary.names.find(query.cadenceId());
        if (query.cadenceId() != null && cadence < 0) {
            return List.of();
        }
        List<Snapshot> matching = new ArrayList<>();
        lock.lock();
        try {
            if (query.customerId() != null) {
                int c = customerNumber(query.customerId(), false);
                for (int j = c < 0 ? -1 : customerPage(c).firstJourney[c & MASK]; j >= 0; j = journeyPage(j).nextOfCustomer[j & MASK]) {
                    if (collect(j, c, cadence, query, matching)) {
                        break;
                    }
                }
            } else {
                for (int j = 0; j < journeys; j++) {
                    if (collect(j, journeyPage(j).customer[j & MASK], cadence, query, matching)) {
                        break;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        List<Journey> out = new ArrayList<>(matching.size());
        for (Snapshot s : matching) {
            out.add(journey(s));
        }
        return out;
    }

    /** Adds journey j's runs that match the query; true when the limit is reached. */
    private boolean collect(int j, int c, int cadence, JourneyQuery query, List<Snapshot> out) {
        String customerId = customerPage(c).id[c & MASK];
        JourneyPage page = journeyPage(j);
        for (PreviousRun previous : previousRuns.getOrDefault(j, List.of())) {
            if (matches(previous.data(), cadence, query)) {
                out.add(new Snapshot(-1, previous.data(), customerId, previous.subject()));
                if (out.size() >= query.limit()) {
                    return true;
                }
            }
        }
        if (matches(page.data[j & MASK], cadence, query)) {
            out.add(new Snapshot(j, page.data[j & MASK], customerId, page.subject[j & MASK]));
        }
        return out.size() >= query.limit();
    }

    private static boolean matches(byte[] data, int cadence, JourneyQuery query) {
        JourneyCodec.Header h = JourneyCodec.header(data);
        return (cadence < 0 || h.cadence() == cadence) && (query.status() == null || query.status() == h.status());
    }

    // ------------------------------------------------------------------ due index and leases

    @Override
    public List<Journey> claimDue(Instant now, int limit, Lease lease) {
        if (limit < 1) {
            throw new IllegalArgumentException("claim limit must be at least 1, but was " + limit);
        }
        long nowMillis = now.toEpochMilli();
        List<Snapshot> claimed = new ArrayList<>(Math.min(limit, 1024));
        lock.lock();
        try {
            sweepExpiredLeases(now);
            while (claimed.size() < limit && !dueIndex.isEmpty()) {
                Map.Entry<Long, IntBucket> first = dueIndex.firstEntry();
                long at = first.getKey();
                if (at > nowMillis) {
                    break;
                }
                IntBucket bucket = first.getValue();
                while (bucket.size > 0 && claimed.size() < limit) {
                    int j = bucket.pop();
                    JourneyPage page = journeyPage(j);
                    if (page.indexedAt[j & MASK] == at && !leases.containsKey(j)) {
                        page.indexedAt[j & MASK] = NOT_INDEXED;
                        leases.put(j, lease);
                        int c = page.customer[j & MASK];
                        claimed.add(new Snapshot(j, page.data[j & MASK], customerPage(c).id[c & MASK], page.subject[j & MASK]));
                    }
                }
                if (bucket.size == 0) {
                    dueIndex.pollFirstEntry();
                }
            }
        } finally {
            lock.unlock();
        }
        List<Journey> out = new ArrayList<>(claimed.size());
        for (Snapshot s : claimed) {
            out.add(journey(s));
        }
        return out;
    }

    @Override
    public boolean claim(JourneyId id, Instant now, Lease lease) {
        int cadence = vocabulary.names.find(id.cadenceId());
        lock.lock();
        try {
            int c = customerNumber(id.customerId(), false);
            int j = c < 0 ? -1 : journeyOf(c, id.subjectKey(), cadence);
            if (j < 0 || JourneyCodec.header(journeyPage(j).data[j & MASK]).run() != id.run()) {
                return false;
            }
            Lease held = leases.get(j);
            if (held != null && !held.owner().equals(lease.owner()) && held.until().isAfter(now)) {
                return false;
            }
            leases.put(j, lease);
            journeyPage(j).indexedAt[j & MASK] = NOT_INDEXED;
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void release(JourneyId id, String owner) {
        int cadence = vocabulary.names.find(id.cadenceId());
        lock.lock();
        try {
            int c = customerNumber(id.customerId(), false);
            int j = c < 0 ? -1 : journeyOf(c, id.subjectKey(), cadence);
            if (j < 0) {
                return;
            }
            Lease held = leases.get(j);
            if (held == null || !held.owner().equals(owner)) {
                return;
            }
            leases.remove(j);
            reindex(j, JourneyCodec.header(journeyPage(j).data[j & MASK]).dueMillis());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Instant> nextDue() {
        lock.lock();
        try {
            Iterator<Map.Entry<Long, IntBucket>> it = dueIndex.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, IntBucket> entry = it.next();
                long at = entry.getKey();
                IntBucket bucket = entry.getValue();
                for (int k = 0; k < bucket.size; k++) {
                    int j = bucket.slots[k];
                    if (journeyPage(j).indexedAt[j & MASK] == at && !leases.containsKey(j)) {
                        return Optional.of(Instant.ofEpochMilli(at)); // when claimDue hands it out
                    }
                }
                it.remove(); // only stale entries were left in this bucket
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** Number of journeys held (all runs). */
    public int size() {
        lock.lock();
        try {
            int n = journeys;
            for (List<PreviousRun> runs : previousRuns.values()) {
                n += runs.size();
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Puts journey j in the due index at {@code due} (null: out of it), unless leased. Lock held. */
    private void reindex(int j, Instant due) {
        reindex(j, due == null ? NOT_INDEXED : ceilMillis(due));
    }

    /** Puts journey j in the due index at {@code at} millis ({@link #NOT_INDEXED}: out of it), unless leased. */
    private void reindex(int j, long at) {
        JourneyPage page = journeyPage(j);
        if (at == NOT_INDEXED || leases.containsKey(j)) {
            page.indexedAt[j & MASK] = NOT_INDEXED;
            return;
        }
        if (page.indexedAt[j & MASK] == at) {
            return;
        }
        page.indexedAt[j & MASK] = at;
        IntBucket bucket = dueIndex.get(at);
        if (bucket == null) {
            bucket = new IntBucket();
            dueIndex.put(at, bucket);
        }
        bucket.add(j);
    }

    private void sweepExpiredLeases(Instant now) {
        if (leases.isEmpty()) {
            return;
        }
        List<Integer> expired = null;
        for (Map.Entry<Integer, Lease> e : leases.entrySet()) {
            if (!e.getValue().until().isAfter(now)) {
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(e.getKey());
            }
        }
        if (expired != null) {
            for (int j : expired) {
                leases.remove(j);
                reindex(j, JourneyCodec.header(journeyPage(j).data[j & MASK]).dueMillis());
            }
        }
    }

    private static long ceilMillis(Instant instant) {
        long millis = instant.toEpochMilli();
        return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }

    // ------------------------------------------------------------------ tables (lock held)

    /** The journey of customer c with this subject key and cadence number, or -1. */
    private int journeyOf(int c, String subjectKey, int cadence) {
        if (cadence < 0) {
            return -1;
        }
        for (int j = customerPage(c).firstJourney[c & MASK]; j >= 0; j = journeyPage(j).nextOfCustomer[j & MASK]) {
            JourneyPage page = journeyPage(j);
            JourneyCodec.Header h = JourneyCodec.header(page.data[j & MASK]);
            if (h.cadence() == cadence
                    && subjectKey.equals(h.subjectKey() != null ? h.subjectKey() : page.subject[j & MASK].key())) {
                return j;
            }
        }
        return -1;
    }

    /**
     * The number of a customer id, added when {@code add} (else -1 when unknown). A table entry is
     * {@code tag << CUSTOMER_BITS | number + 1}, the tag being high bits of the id's hash, so that a
     * probe past other customers rarely has to read their ids.
     */
    private int customerNumber(String customerId, boolean add) {
        int mask = table.length - 1;
        int h = spread(customerId.hashCode());
        int tag = h >>> (32 - TAG_BITS);
        int i = h & mask;
        while (true) {
            int entry = table[i];
            if (entry == 0) {
                break;
            }
            if (entry >>> CUSTOMER_BITS == tag) {
                int c = (entry & MAX_CUSTOMERS) - 1;
                if (customerId.equals(customerPage(c).id[c & MASK])) {
                    return c;
                }
            }
            i = (i + 1) & mask;
        }
        if (!add) {
            return -1;
        }
        if (customers == MAX_CUSTOMERS - 1) {
            throw new IllegalStateException("a compact store holds at most " + (MAX_CUSTOMERS - 1) + " customers, but customer '"
                    + customerId + "' would be one more");
        }
        int c = customers++;
        CustomerPage page = customerPage(c);
        page.id[c & MASK] = customerId;
        page.firstJourney[c & MASK] = -1;
        table[i] = tag << CUSTOMER_BITS | (c + 1);
        if (customers * 2 > table.length) {
            rehash();
        }
        return c;
    }

    private void rehash() {
        int[] grown = new int[table.length * 2];
        int mask = grown.length - 1;
        for (int c = 0; c < customers; c++) {
            int h = spread(customerPage(c).id[c & MASK].hashCode());
            int i = h & mask;
            while (grown[i] != 0) {
                i = (i + 1) & mask;
            }
            grown[i] = (h >>> (32 - TAG_BITS)) << CUSTOMER_BITS | (c + 1);
        }
        table = grown;
    }

    private static int spread(int h) {
        h *= 0x9E3779B1;
        return h ^ (h >>> 16);
    }

    private JourneyPage journeyPage(int j) {
        int p = j >>> PAGE_BITS;
        if (p >= journeyPages.length) {
            journeyPages = Arrays.copyOf(journeyPages, Math.max(p + 1, journeyPages.length * 2));
        }
        JourneyPage page = journeyPages[p];
        if (page == null) {
            page = new JourneyPage();
            journeyPages[p] = page;
        }
        return page;
    }

    private CustomerPage customerPage(int c) {
        int p = c >>> PAGE_BITS;
        if (p >= customerPages.length) {
            customerPages = Arrays.copyOf(customerPages, Math.max(p + 1, customerPages.length * 2));
        }
        CustomerPage page = customerPages[p];
        if (page == null) {
            page = new CustomerPage();
            customerPages[p] = page;
        }
        return page;
    }

    /** {@value #PAGE} journeys' fields. */
    private static final class JourneyPage {
        final byte[][] data = new byte[PAGE][];
        final Subject[] subject = new Subject[PAGE];
        final int[] customer = new int[PAGE];
        final int[] nextOfCustomer = new int[PAGE];
        final long[] indexedAt = new long[PAGE];
    }

    /** {@value #PAGE} customers' fields. */
    private static final class CustomerPage {
        final String[] id = new String[PAGE];
        final Customer[] customer = new Customer[PAGE];
        final int[] firstJourney = new int[PAGE];
    }

    /** A growable list of journey numbers due at one millisecond. */
    private static final class IntBucket {
        int[] slots = new int[4];
        int size;

        void add(int j) {
            if (size == slots.length) {
                slots = Arrays.copyOf(slots, size + (size >> 1) + 1);
            }
            slots[size++] = j;
        }

        int pop() {
            return slots[--size];
        }
    }

    private record PreviousRun(Subject subject, byte[] data) {
    }

    /** What a read takes from under the lock: the journey number (-1 for an older run), bytes, customer id, subject. */
    private record Snapshot(int number, byte[] data, String customerId, Subject subject) {
    }

    /** The journey of a snapshot: the recent copy if it is of these bytes, else decoded (and remembered). */
    private Journey journey(Snapshot s) {
        if (s.number() < 0) {
            return JourneyCodec.decode(s.data(), s.customerId(), s.subject(), vocabulary);
        }
        int r = s.number() & (RECENT - 1);
        JourneyCodec.Encoded known = recent[r];
        if (known != null && known.bytes() == s.data()) {
            return known.journey();
        }
        JourneyCodec.Encoded decoded = JourneyCodec.decodeEncoded(s.data(), s.customerId(), s.subject(), vocabulary);
        recent[r] = decoded;
        return decoded.journey();
    }

}
