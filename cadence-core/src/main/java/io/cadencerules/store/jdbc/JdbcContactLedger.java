package io.cadencerules.store.jdbc;

import io.cadencerules.cadence.Purpose;
import io.cadencerules.channel.Channel;
import io.cadencerules.event.AccountNotice;
import io.cadencerules.policy.ContactEntry;
import io.cadencerules.policy.ContactLedger;
import io.cadencerules.policy.InMemoryContactLedger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A {@link ContactLedger} in PostgreSQL, over plain JDBC: every engine instance on the database
 * counts the same attempts, conversations, opt-outs and notices, so a frequency cap ("one SMS a
 * day") holds across instances. The application supplies the {@link DataSource}, as for
 * {@link JdbcJourneyStore}; the tables belong to the same versioned schema (version 3).
 *
 * <pre>{@code
 * JdbcContactLedger ledger = JdbcContactLedger.builder(dataSource).clock(clock).build();
 * ledger.createSchema();            // or the journey store's createSchema(): the same tables
 * ContactPolicy policy = ContactPolicy.builder().ledger(ledger).build();
 * }</pre>
 *
 * <p>Each entry is a row of {@code contact_entries}, its fields in columns. {@link #reserve},
 * {@link #record} and {@link #cancel} run in a transaction that first takes a transaction-scoped
 * advisory lock on the customer id ({@code pg_advisory_xact_lock}), so the writes of one person
 * are serialised across every instance: a reservation reads the person's entries, asks the check
 * and adds the attempt with no other write for the person in between. {@link #entries} reads
 * without the lock.
 *
 * <p>Retention as in {@link InMemoryContactLedger}: writing an entry deletes the person's attempts
 * and conversations older than the entry's time minus the retention (35 days by default); opt-outs
 * and notices are kept. Besides, at most once an hour of clock time, a write deletes every
 * person's attempts and conversations older than the clock minus the retention
 * ({@link #forgetBefore} does it on demand).
 *
 * <p>Thread-safe: every call takes a connection from the data source and returns it.
 */
public final class JdbcContactLedger implements ContactLedger {

    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final String COLUMNS = "seq, kind, at, at_nanos, channel, purpose, subject_key, reference, source, event_id, notice_kind";

    private final DataSource dataSource;
    private final InstantSource clock;
    private final JdbcJourneyStore schemaOwner;
    private final Duration retention;
    private final String table;
    private final int lockSpace;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>();

    private JdbcContactLedger(Builder b) {
        this.dataSource = b.settings.dataSource;
        this.clock = b.settings.clock;
        this.schemaOwner = b.settings.store();
        this.retention = b.retention == null ? Duration.ofDays(35) : b.retention;
        this.table = schemaOwner.table("contact_entries");
        this.lockSpace = ("cadence contact ledger " + table).hashCode();
    }

    /** Starts a ledger over a data source (a connection pool of the application's choosing). */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Creates the tables or upgrades them to {@link JdbcJourneyStore#SCHEMA_VERSION}: the same
     * versioned schema (and the same tables) as {@link JdbcJourneyStore#createSchema()}, which it runs.
     *
     * @return the schema version now in the database
     */
    public int createSchema() {
        return schemaOwner.createSchema();
    }

    /** How long attempts and conversations are kept. */
    @Override
    public Duration retention() {
        return retention;
    }

    /** The qualified name of the ledger's table, e.g. {@code cadence_contact_entries}. */
    public String table() {
        return table;
    }

    @Override
    public void record(String customerId, ContactEntry entry) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(entry, "entry");
        JdbcSupport.inTransaction(dataSource, "record a " + kind(entry) + " of customer '" + customerId + "'", table, c -> {
            JdbcSupport.lock(c, lockSpace, customerId.hashCode());
            expire(c, customerId, entry.at());
            insert(c, customerId, entry);
            return null;
        });
        purgeIfDue();
    }

    @Override
    public List<ContactEntry> entries(String customerId) {
        Objects.requireNonNull(customerId, "customerId");
        return JdbcSupport.withConnection(dataSource, "read the entries of customer '" + customerId + "'", table,
                c -> read(c, customerId));
    }

    @Override
    public <T> T reserve(String customerId, ContactEntry.Attempt attempt, Function<List<ContactEntry>, T> check) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(check, "check");
        T refusal = JdbcSupport.inTransaction(dataSource, "reserve an attempt for customer '" + customerId + "'", table, c -> {
            JdbcSupport.lock(c, lockSpace, customerId.hashCode());
            expire(c, customerId, attempt.at());
            T answer = check.apply(Collections.unmodifiableList(read(c, customerId)));
            if (answer == null) {
                insert(c, customerId, attempt);
            }
            return answer;
        });
        purgeIfDue();
        return refusal;
    }

    /** {@inheritDoc} Removes one row equal to the attempt (the earliest written, if several are). */
    @Override
    public void cancel(String customerId, ContactEntry.Attempt attempt) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(attempt, "attempt");
        JdbcSupport.inTransaction(dataSource, "cancel an attempt of customer '" + customerId + "'", table, c -> {
            JdbcSupport.lock(c, lockSpace, customerId.hashCode());
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE seq = (SELECT seq FROM " + table
                    + " WHERE customer_id = ? AND kind = 'ATTEMPT' AND at = ? AND at_nanos = ? AND channel = ? AND purpose = ?"
                    + " AND subject_key = ? AND reference = ? ORDER BY seq LIMIT 1)")) {
                p.setString(1, customerId);
                JdbcSupport.setInstant(p, 2, attempt.at());
                p.setString(4, attempt.channel().name());
                p.setString(5, attempt.purpose().name());
                p.setString(6, attempt.subjectKey());
                p.setString(7, attempt.reference());
                p.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Deletes every person's attempts and conversations older than {@code before}; opt-outs and
     * notices stay.
     *
     * @return how many entries were deleted
     */
    public int forgetBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        return JdbcSupport.withConnection(dataSource, "forget attempts and conversations before " + before, table, c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table
                    + " WHERE kind IN ('ATTEMPT', 'CONVERSATION') AND (at, at_nanos) < (?, ?)")) {
                JdbcSupport.setInstant(p, 1, before);
                return p.executeUpdate();
            }
        });
    }

    /** Deletes the person's attempts and conversations older than the retention before {@code at}; under the person's lock. */
    private void expire(Connection c, String customerId, Instant at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table
                + " WHERE customer_id = ? AND kind IN ('ATTEMPT', 'CONVERSATION') AND (at, at_nanos) < (?, ?)")) {
            p.setString(1, customerId);
            JdbcSupport.setInstant(p, 2, at.minus(retention));
            p.executeUpdate();
        }
    }

    private void purgeIfDue() {
        Instant now = clock.instant();
        Instant last = lastPurge.get();
        if (last != null && now.isBefore(last.plus(PURGE_EVERY))) {
            return;
        }
        if (lastPurge.compareAndSet(last, now)) {
            forgetBefore(now.minus(retention));
        }
    }

    private void insert(Connection c, String customerId, ContactEntry entry) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " (customer_id, kind, at, at_nanos, channel, purpose,"
                + " subject_key, reference, source, event_id, notice_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, customerId);
            p.setString(2, kind(entry));
            JdbcSupport.setInstant(p, 3, entry.at());
            for (int i = 5; i <= 11; i++) {
                p.setNull(i, Types.VARCHAR);
            }
            if (entry instanceof ContactEntry.Attempt a) {
                p.setString(5, a.channel().name());
                p.setString(6, a.purpose().name());
                p.setString(7, a.subjectKey());
                p.setString(8, a.reference());
            } else if (entry instanceof ContactEntry.Conversation v) {
                p.setString(7, v.subjectKey());
                p.setString(10, v.eventId());
            } else if (entry instanceof ContactEntry.OptOut o) {
                p.setString(5, o.channel() == null ? null : o.channel().name());
                p.setString(6, o.purpose() == null ? null : o.purpose().name());
                p.setString(9, o.source());
            } else if (entry instanceof ContactEntry.Notice n) {
                p.setString(7, n.subjectKey());
                p.setString(10, n.eventId());
                p.setString(11, n.kind().name());
            }
            p.executeUpdate();
        }
    }

    private static String kind(ContactEntry entry) {
        if (entry instanceof ContactEntry.Attempt) {
            return "ATTEMPT";
        } else if (entry instanceof ContactEntry.Conversation) {
            return "CONVERSATION";
        } else if (entry instanceof ContactEntry.OptOut) {
            return "OPT_OUT";
        }
        return "NOTICE";
    }

    private List<ContactEntry> read(Connection c, String customerId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table
                + " WHERE customer_id = ? ORDER BY at, at_nanos, seq")) {
            p.setString(1, customerId);
            List<ContactEntry> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(decode(r, customerId));
                }
            }
            return out;
        }
    }

    /** One row as an entry; a row that is not one names its seq, customer, table and column. */
    private ContactEntry decode(ResultSet r, String customerId) throws SQLException {
        Row row = new Row(r.getLong(1), customerId, r);
        String kind = r.getString(2);
        Instant at = JdbcSupport.getInstant(r, 3);
        switch (kind) {
            case "ATTEMPT":
                return new ContactEntry.Attempt(at, row.required(5, "channel", Channel.class), row.required(6, "purpose", Purpose.class),
                        row.text(7, "subject_key", true), row.text(8, "reference", true));
            case "CONVERSATION":
                return new ContactEntry.Conversation(at, r.getString(7), r.getString(10));
            case "OPT_OUT":
                return new ContactEntry.OptOut(at, row.optional(5, "channel", Channel.class), row.optional(6, "purpose", Purpose.class),
                        row.text(9, "source", true));
            case "NOTICE":
                return new ContactEntry.Notice(at, row.required(11, "notice_kind", AccountNotice.Kind.class), r.getString(7),
                        r.getString(10));
            default:
                throw row.unreadable("an unknown kind '" + kind + "'");
        }
    }

    /** Reading the columns of one row, with errors that name it. */
    private final class Row {
        private final long seq;
        private final String customerId;
        private final ResultSet r;

        Row(long seq, String customerId, ResultSet r) {
            this.seq = seq;
            this.customerId = customerId;
            this.r = r;
        }

        <E extends Enum<E>> E required(int column, String name, Class<E> type) throws SQLException {
            E value = optional(column, name, type);
            if (value == null) {
                throw unreadable("no " + name);
            }
            return value;
        }

        <E extends Enum<E>> E optional(int column, String name, Class<E> type) throws SQLException {
            String value = r.getString(column);
            if (value == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                throw unreadable("an unknown " + name + " '" + value + "'");
            }
        }

        String text(int column, String name, boolean required) throws SQLException {
            String value = r.getString(column);
            if (value == null && required) {
                throw unreadable("no " + name);
            }
            return value;
        }

        JdbcStoreException unreadable(String problem) throws SQLException {
            return new JdbcStoreException("contact entry " + seq + " (" + r.getString(2) + ") of customer '" + customerId
                    + "' in table " + table + " has " + problem, null);
        }
    }

    @Override
    public String toString() {
        return "JdbcContactLedger[" + table + ", retention " + retention + "]";
    }

    /**
     * Settings of a {@link JdbcContactLedger}; {@link #build()} may be called more than once. Each
     * option may be set once.
     */
    public static final class Builder {
        private final JdbcSupport.Settings settings;
        private Duration retention;

        private Builder(DataSource dataSource) {
            this.settings = new JdbcSupport.Settings("contact ledger", dataSource);
        }

        /** The clock (required): the engine's. The ledger reads it only to forget old entries and to stamp schema upgrades. */
        public Builder clock(InstantSource clock) {
            settings.clock(clock);
            return this;
        }

        /** The PostgreSQL schema of the tables, as {@link JdbcJourneyStore.Builder#schema}: use the journey store's. */
        public Builder schema(String name) {
            settings.schema(name);
            return this;
        }

        /** The prefix of the table names, as {@link JdbcJourneyStore.Builder#tablePrefix}: use the journey store's. */
        public Builder tablePrefix(String prefix) {
            settings.prefix(prefix);
            return this;
        }

        /**
         * How long attempts and conversations are kept (by their own time); 35 days by default. A
         * {@code ContactPolicy} refuses a ledger that keeps them shorter than its longest cap or quiet period.
         */
        public Builder retention(Duration retention) {
            if (this.retention != null) {
                throw new IllegalStateException("the contact ledger's retention was already set to " + this.retention
                        + "; cannot set it to " + retention);
            }
            this.retention = JdbcSupport.positive("contact ledger retention", retention);
            return this;
        }

        /**
         * The ledger. Touches no database: call {@link JdbcContactLedger#createSchema()} (or the journey
         * store's) to create the tables.
         *
         * @throws IllegalStateException if no clock was given
         */
        public JdbcContactLedger build() {
            settings.requireClock();
            return new JdbcContactLedger(this);
        }
    }
}
