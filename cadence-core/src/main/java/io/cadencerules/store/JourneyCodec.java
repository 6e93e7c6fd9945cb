package io.cadencerules.store;

import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Money;
import io.cadencerules.customer.Subject;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyStatus;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/**
 * The byte form of a journey in {@link CompactJourneyStore}: everything but the customer id and the
 * subject (which the store keeps by reference, shared with the application), exact on the way back
 * — the journey decoded equals the journey encoded (instants keep their nanoseconds, money its
 * scale, detail strings their text).
 *
 * <p>Layout: a header the store reads without decoding the rest (version, run, cadence id, status,
 * flags, the subject key when it differs from the subject's, enrolment and due time), then the other
 * fields, then the history. Ints are zig-zag varints; names of a small vocabulary (cadence, step and queue ids,
 * reason codes, zones, segment sets, currencies) are numbers from the store's {@link Interner}s;
 * instants are deltas from the enrolment (journey fields) or from the previous entry (history), in
 * minutes when whole, else in seconds with the nanoseconds apart. Detail strings are written inline
 * (UTF-8) unless they are in the detail dictionary, which admits a short string the second time it
 * is seen (see {@link Details}), so repeated details ("segment 'high-balance'") cost one or two bytes
 * and unique ones (provider ids) only their bytes.
 */
final class JourneyCodec {

    private static final int SUBJECT_KEY_DIFFERS = 1;
    private static final int HAS_ANCHOR = 1 << 1;
    private static final int HAS_HAND_OFF = 1 << 2;
    private static final int HAS_DUE = 1 << 3;
    private static final int HAS_END = 1 << 4;
    private static final int HAS_SPENT = 1 << 5;

    private static final int ENTRY_KIND = 0x0F;
    private static final int ENTRY_STEP = 0x10;
    private static final int ENTRY_CHANNEL = 0x20;
    private static final int ENTRY_COST = 0x40;

    private static final HistoryEntry.Kind[] KINDS = HistoryEntry.Kind.values();
    private static final JourneyStatus[] STATUSES = JourneyStatus.values();
    private static final Channel[] CHANNELS = Channel.values();

    static {
        if (KINDS.length > ENTRY_KIND + 1) {
            throw new IllegalStateException("history entry kinds no longer fit in 4 bits: " + KINDS.length);
        }
    }

    /** The vocabularies an encoding refers to; one per store. */
    static final class Vocabulary {
        final Interner<String> names = new Interner<>();
        final Interner<ZoneId> zones = new Interner<>();
        final Interner<Set<String>> segments = new Interner<>();
        final Interner<Currency> currencies = new Interner<>();
        final Details details = new Details();
    }

    /**
     * The detail dictionary: a detail string is numbered the second time it is seen (a direct-mapped
     * table of recent candidates remembers the first time), up to a bound, so details that repeat
     * across journeys are shared and unique ones never fill the dictionary.
     */
    static final class Details {
        static final int MAX_ENTRIES = 1 << 16;
        static final int MAX_LENGTH = 96;
        private static final int CANDIDATES = 1 << 12;

        final Interner<String> dictionary = new Interner<>();
        /** Racy by design: a lost write only delays a promotion. */
        private final String[] candidates = new String[CANDIDATES];

        /** The dictionary id of {@code detail}, or -1 to write it inline. */
        int idOf(String detail) {
            int id = dictionary.find(detail);
            if (id >= 0 || detail.length() > MAX_LENGTH) {
                return id;
            }
            int h = detail.hashCode();
            int slot = (h ^ (h >>> 15)) & (CANDIDATES - 1);
            String seen = candidates[slot];
            if (detail.equals(seen) && dictionary.size() < MAX_ENTRIES) {
                return dictionary.id(detail);
            }
            candidates[slot] = detail;
            return -1;
        }
    }

    /**
     * The fields the store reads without decoding the whole journey.
     *
     * @param dueMillis the due time rounded up to a whole millisecond, or {@link Long#MIN_VALUE} when none
     */
    record Header(long version, int run, int cadence, JourneyStatus status, int flags, String subjectKey, long dueMillis) {
    }

    /** {@link Header#dueMillis()} of a journey without a due time. */
    static final long NO_DUE = Long.MIN_VALUE;

    private JourneyCodec() {
    }

    // ------------------------------------------------------------------ encoding

    /**
     * An encoded journey with the offset of its first history entry, so that the next version, whose
     * history starts with the same entries, can reuse their bytes ({@link #encode(Journey, Vocabulary, Encoded)}).
     *
     * @param journey the journey the bytes encode
     * @param bytes   its encoding
     * @param entries offset in {@code bytes} of the first history entry
     */
    record Encoded(Journey journey, byte[] bytes, int entries) {
    }

    /** The bytes of {@code journey}; its subject and customer id are kept by the store, not here. */
    static byte[] encode(Journey journey, Vocabulary v) {
        return encode(journey, v, null).bytes();
    }

    /**
     * The bytes of {@code journey}, reusing those of {@code base}'s history entries when
     * {@code journey}'s history starts with the very same entry objects (the engine only appends),
     * so that a write costs the encoding of the new entries only. The result is the same as without
     * a base.
     */
    static Encoded encode(Journey journey, Vocabulary v, Encoded base) {
        Writer w = new Writer();
        JourneyId id = journey.id();
        boolean keyDiffers = !id.subjectKey().equals(journey.subject().key());
        int flags = (keyDiffers ? SUBJECT_KEY_DIFFERS : 0)
                | (journey.anchorAt() != null ? HAS_ANCHOR : 0)
                | (journey.handOff() != null ? HAS_HAND_OFF : 0)
                | (journey.dueAt() != null ? HAS_DUE : 0)
                | (journey.endedAt() != null ? HAS_END : 0)
                | (journey.spent() != null ? HAS_SPENT : 0);
        w.varLong(journey.version());
        w.signed(id.run());
        w.unsigned(v.names.id(id.cadenceId()));
        w.raw(journey.status().ordinal());
        w.raw(flags);
        if (keyDiffers) {
            w.string(id.subjectKey());
        }
        Instant enrolled = journey.enrolledAt();
        w.instant(enrolled, Instant.EPOCH);
        if (journey.dueAt() != null) {
            w.instant(journey.dueAt(), enrolled);
        }

        w.signed(journey.cadenceVersion());
        w.unsigned(v.zones.id(journey.zone()));
        w.unsigned(v.names.id(journey.statusReason()));
        if (journey.anchorAt() != null) {
            w.instant(journey.anchorAt(), enrolled);
        }
        w.signed(journey.delayDays());
        w.signed(journey.cursor());
        w.signed(journey.nextStep());
        w.signed(journey.attempt());
        w.signed(journey.route());
        if (journey.handOff() != null) {
            w.unsigned(v.names.id(journey.handOff()));
        }
        if (journey.endedAt() != null) {
            w.instant(journey.endedAt(), enrolled);
        }
        w.unsigned(v.segments.id(journey.segments()));
        if (journey.spent() != null) {
            w.money(journey.spent(), v);
        }

        List<HistoryEntry> history = journey.history();
        w.unsigned(history.size());
        int reused = base == null ? 0 : reusableEntries(journey, base.journey());
        int entries = w.size;
        Instant previous = enrolled;
        if (reused > 0) {
            w.bytes(base.bytes(), base.entries(), base.bytes().length - base.entries());
            previous = history.get(reused - 1).at();
        }
        for (HistoryEntry e : reused == 0 ? history : history.subList(reused, history.size())) {
            w.raw(e.kind().ordinal() | (e.stepId() != null ? ENTRY_STEP : 0) | (e.channel() != null ? ENTRY_CHANNEL : 0)
                    | (e.cost() != null ? ENTRY_COST : 0));
            w.instant(e.at(), previous);
            previous = e.at();
            if (e.stepId() != null) {
                w.unsigned(v.names.id(e.stepId()));
            }
            if (e.channel() != null) {
                w.raw(e.channel().ordinal());
            }
            w.signed(e.attempt());
            w.unsigned(v.names.id(e.reason()));
            int detail = v.details.idOf(e.detail());
            if (detail >= 0) {
                w.unsigned(detail << 1);
            } else {
                w.inlineString(e.detail());
            }
            if (e.cost() != null) {
                w.money(e.cost(), v);
            }
        }
        return new Encoded(journey, w.bytes(), entries);
    }

    /** How many leading entries of {@code journey} are the entries of {@code base} (all of them, or none). */
    private static int reusableEntries(Journey journey, Journey base) {
        List<HistoryEntry> old = base.history();
        List<HistoryEntry> now = journey.history();
        if (old.isEmpty() || now.size() < old.size() || !journey.enrolledAt().equals(base.enrolledAt())) {
            return 0;
        }
        for (int i = old.size() - 1; i >= 0; i--) {
            if (now.get(i) != old.get(i)) {
                return 0;
            }
        }
        return old.size();
    }

    // ------------------------------------------------------------------ decoding

    /** The header of an encoded journey. */
    static Header header(byte[] data) {
        Reader r = new Reader(data);
        long version = r.varLong();
        int run = r.signed();
        int cadence = r.unsigned();
        JourneyStatus status = STATUSES[r.raw()];
        int flags = r.raw();
        String subjectKey = (flags & SUBJECT_KEY_DIFFERS) != 0 ? r.string() : null;
        long dueMillis = NO_DUE;
        if ((flags & HAS_DUE) != 0) {
            Instant due = r.instant(r.instant(Instant.EPOCH));
            long millis = due.toEpochMilli();
            dueMillis = due.getNano() % 1_000_000 == 0 ? millis : millis + 1;
        }
        return new Header(version, run, cadence, status, flags, subjectKey, dueMillis);
    }

    /** The version of an encoded journey (its first field). */
    static long version(byte[] data) {
        return new Reader(data).varLong();
    }

    /** The journey back from its bytes, its customer id and subject. */
    static Journey decode(byte[] data, String customerId, Subject subject, Vocabulary v) {
        return decodeEncoded(data, customerId, subject, v).journey();
    }

    /** The journey back from its bytes, with the offset of its entries for a later {@link #encode(Journey, Vocabulary, Encoded)}. */
    static Encoded decodeEncoded(byte[] data, String customerId, Subject subject, Vocabulary v) {
        Reader r = new Reader(data);
        long version = r.varLong();
        int run = r.signed();
        String cadenceId = v.names.value(r.unsigned());
        JourneyStatus status = STATUSES[r.raw()];
        int flags = r.raw();
        String subjectKey = (flags & SUBJECT_KEY_DIFFERS) != 0 ? r.string() : subject.key();
        Instant enrolled = r.instant(Instant.EPOCH);
        Instant dueAt = (flags & HAS_DUE) != 0 ? r.instant(enrolled) : null;

        int cadenceVersion = r.signed();
        ZoneId zone = v.zones.value(r.unsigned());
        String statusReason = v.names.value(r.unsigned());
        Instant anchorAt = (flags & HAS_ANCHOR) != 0 ? r.instant(enrolled) : null;
        int delayDays = r.signed();
        int cursor = r.signed();
        int nextStep = r.signed();
        int attempt = r.signed();
        int route = r.signed();
        String handOff = (flags & HAS_HAND_OFF) != 0 ? v.names.value(r.unsigned()) : null;
        Instant endedAt = (flags & HAS_END) != 0 ? r.instant(enrolled) : null;
        Set<String> segments = v.segments.value(r.unsigned());
        Money spent = (flags & HAS_SPENT) != 0 ? r.money(v) : null;

        int n = r.unsigned();
        int entries = r.pos;
        HistoryEntry[] history = new HistoryEntry[n];
        Instant previous = enrolled;
        for (int i = 0; i < n; i++) {
            int head = r.raw();
            Instant at = r.instant(previous);
            previous = at;
            String stepId = (head & ENTRY_STEP) != 0 ? v.names.value(r.unsigned()) : null;
            Channel channel = (head & ENTRY_CHANNEL) != 0 ? CHANNELS[r.raw()] : null;
            int entryAttempt = r.signed();
            String reason = v.names.value(r.unsigned());
            int detailHead = r.unsigned();
            String detail = (detailHead & 1) == 0 ? v.details.dictionary.value(detailHead >>> 1)
                    : r.utf8(detailHead >>> 1);
            Money cost = (head & ENTRY_COST) != 0 ? r.money(v) : null;
            history[i] = new HistoryEntry(at, KINDS[head & ENTRY_KIND], stepId, channel, entryAttempt, reason, detail, cost);
        }
        return new Encoded(new Journey(new JourneyId(customerId, subjectKey, cadenceId, run), cadenceVersion, subject, zone,
                status, statusReason, enrolled, anchorAt, delayDays, cursor, nextStep, attempt, route, handOff, dueAt, endedAt,
                segments, List.of(history), spent, version), data, entries);
    }

    // ------------------------------------------------------------------ primitives

    static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    /** Appends to a growing byte array. */
    static final class Writer {
        private byte[] buf = new byte[128];
        private int size;

        void raw(int b) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, size * 2);
            }
            buf[size++] = (byte) b;
        }

        void varLong(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                raw((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            raw((int) v);
        }

        void unsigned(int value) {
            varLong(value & 0xFFFF_FFFFL);
        }

        void signed(int value) {
            varLong(zigzag(value));
        }

        /** An instant as a delta from {@code base}: minutes when whole, else seconds, with the nanoseconds apart. */
        void instant(Instant at, Instant base) {
            long seconds = at.getEpochSecond() - base.getEpochSecond();
            int nanos = at.getNano();
            if (nanos == 0 && seconds % 60 == 0) {
                varLong(zigzag(seconds / 60) << 2);
            } else if (nanos == 0) {
                varLong(zigzag(seconds) << 2 | 1);
            } else {
                varLong(zigzag(seconds) << 2 | 2);
                unsigned(nanos);
            }
        }

        /** A length-prefixed UTF-8 string. */
        void string(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            unsigned(bytes.length);
            bytes(bytes);
        }

        /** A detail written inline: {@code length << 1 | 1}, then the UTF-8 bytes. */
        void inlineString(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            varLong(((long) bytes.length << 1) | 1);
            bytes(bytes);
        }

        void money(Money money, Vocabulary v) {
            unsigned(v.currencies.id(money.currency()));
            BigDecimal amount = money.amount();
            signed(amount.scale());
            BigInteger unscaled = amount.unscaledValue();
            if (unscaled.bitLength() < 63) {
                raw(0);
                varLong(zigzag(unscaled.longValue()));
            } else {
                raw(1);
                byte[] bytes = unscaled.toByteArray();
                unsigned(bytes.length);
                bytes(bytes);
            }
        }

        private void bytes(byte[] bytes) {
            bytes(bytes, 0, bytes.length);
        }

        private void bytes(byte[] bytes, int from, int length) {
            if (size + length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + length));
            }
            System.arraycopy(bytes, from, buf, size, length);
            size += length;
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** Reads what {@link Writer} wrote. */
    static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        int raw() {
            return buf[pos++] & 0xFF;
        }

        long varLong() {
            long value = 0;
            int shift = 0;
            while (true) {
                byte b = buf[pos++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
                shift += 7;
            }
        }

        int unsigned() {
            return (int) varLong();
        }

        int signed() {
            return (int) unzigzag(varLong());
        }

        Instant instant(Instant base) {
            long head = varLong();
            long seconds = unzigzag(head >>> 2);
            return switch ((int) (head & 3)) {
                case 0 -> Instant.ofEpochSecond(base.getEpochSecond() + seconds * 60);
                case 1 -> Instant.ofEpochSecond(base.getEpochSecond() + seconds);
                default -> Instant.ofEpochSecond(base.getEpochSecond() + seconds, unsigned());
            };
        }

        String string() {
            return utf8(unsigned());
        }

        String utf8(int length) {
            String s = new String(buf, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        Money money(Vocabulary v) {
            Currency currency = v.currencies.value(unsigned());
            int scale = signed();
            if (raw() == 0) {
                return new Money(BigDecimal.valueOf(unzigzag(varLong()), scale), currency);
            }
            int length = unsigned();
            BigInteger unscaled = new BigInteger(buf, pos, length);
            pos += length;
            return new Money(new BigDecimal(unscaled, scale), currency);
        }
    }
}
