package io.cadencerules.store;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbers values (step ids, reason codes, cadence ids, zones, segment sets…) so that an encoded
 * journey holds a small int instead of a reference. Ids are dense from 0 and never reused; values
 * are compared with {@code equals}. Thread-safe: lookups are lock-free, additions synchronized.
 *
 * @param <T> the type of value
 */
final class Interner<T> {

    private final ConcurrentHashMap<T, Integer> ids = new ConcurrentHashMap<>();
    /** Published by the volatile write after each addition, so a reader of an id sees its value. */
    private volatile Object[] values = new Object[16];
    private int size;

    /** The id of {@code value}, numbering it if new. */
    int id(T value) {
        Integer id = ids.get(value);
        return id != null ? id : add(value);
    }

    /** The id of {@code value}, or -1 if it was never numbered. */
    int find(Object value) {
        Integer id = ids.get(value);
        return id == null ? -1 : id;
    }

    /** The value numbered {@code id}. */
    @SuppressWarnings("unchecked")
    T value(int id) {
        Object[] all = values;
        if (id < 0 || id >= all.length || all[id] == null) {
            throw new IllegalStateException("no value is numbered " + id);
        }
        return (T) all[id];
    }

    /** How many values are numbered. */
    synchronized int size() {
        return size;
    }

    private synchronized int add(T value) {
        Integer known = ids.get(value);
        if (known != null) {
            return known;
        }
        Object[] all = values;
        if (size == all.length) {
            all = Arrays.copyOf(all, size * 2);
        }
        all[size] = value;
        values = all; // volatile write: publishes the new slot before the id escapes
        ids.put(value, size);
        return size++;
    }
}
