package io.cadencerules.store.jdbc;

import javax.sql.DataSource;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the JDBC store and ledgers share: connections and transactions, errors that name the table,
 * checked identifiers; for the two ledgers, the settings common to their builders and instants
 * split into a microsecond timestamp and the nanoseconds below it.
 */
final class JdbcSupport {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,39}");

    private JdbcSupport() {
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on a connection in auto-commit mode. */
    static <T> T withConnection(DataSource dataSource, String what, String table, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (!autoCommit) {
                c.setAutoCommit(true);
            }
            try {
                return work.run(c);
            } finally {
                if (!autoCommit) {
                    c.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            throw failure(what, table, e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    static <T> T inTransaction(DataSource dataSource, String what, String table, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure(what, table, e);
        }
    }

    /** Takes a transaction-scoped advisory lock on the pair of keys (released at commit or rollback). */
    static void lock(Connection c, int space, int key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            p.setInt(1, space);
            p.setInt(2, key);
            p.executeQuery().close();
        }
    }

    static JdbcStoreException failure(String what, String table, SQLException e) {
        SQLException first = e.getNextException() != null && e instanceof BatchUpdateException ? e.getNextException() : e;
        String message = first.getMessage() == null ? first.getClass().getSimpleName() : first.getMessage();
        int cut = message.indexOf('\n'); // PostgreSQL adds the position and hints on further lines
        return new JdbcStoreException("cannot " + what + " (table " + table + "): " + (cut < 0 ? message : message.substring(0, cut))
                + " [SQLState " + sqlState(e) + "]", e);
    }

    /** The first SQLState in the chain of exceptions (a batch's is on the next exception). */
    static String sqlState(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x.getSQLState() != null && !x.getSQLState().isEmpty()) {
                return x.getSQLState();
            }
        }
        return e.getSQLState();
    }

    /** Binds an instant to two parameters: the timestamp to the microsecond, and the nanoseconds below it. */
    static void setInstant(PreparedStatement p, int index, Instant instant) throws SQLException {
        p.setObject(index, JdbcJourneyStore.floorMicros(instant));
        p.setInt(index + 1, instant.getNano() % 1_000);
    }

    /** Reads an instant written by {@link #setInstant}, from the columns at {@code index} and {@code index + 1}. */
    static Instant getInstant(ResultSet r, int index) throws SQLException {
        OffsetDateTime at = r.getObject(index, OffsetDateTime.class);
        return at.toInstant().plusNanos(r.getInt(index + 1));
    }

    /** A schema name or table prefix, checked. */
    static String identifier(String what, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be lower-case letters, digits and underscores (at most 40,"
                    + " not starting with a digit), but was '" + value + "'");
        }
        return value;
    }

    /**
     * The settings both ledger builders share: the data source, the clock, the schema and prefix of
     * the tables (those of the journey store on the same database, by default).
     */
    static final class Settings {
        final String owner;
        final DataSource dataSource;
        InstantSource clock;
        String schema;
        String prefix;

        Settings(String owner, DataSource dataSource) {
            this.owner = owner;
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        void clock(InstantSource clock) {
            Objects.requireNonNull(clock, "clock");
            if (this.clock != null) {
                throw new IllegalStateException("the " + owner + "'s clock was already set; cannot set it to " + clock);
            }
            this.clock = clock;
        }

        void schema(String name) {
            if (this.schema != null) {
                throw new IllegalStateException("the " + owner + "'s schema was already set to '" + this.schema
                        + "'; cannot set it to '" + name + "'");
            }
            this.schema = identifier("schema", name);
        }

        void prefix(String prefix) {
            if (this.prefix != null) {
                throw new IllegalStateException("the " + owner + "'s table prefix was already set to '" + this.prefix
                        + "'; cannot set it to '" + prefix + "'");
            }
            this.prefix = identifier("table prefix", prefix);
        }

        void requireClock() {
            if (clock == null) {
                throw new IllegalStateException("the " + owner + " needs a clock: call clock(...) with the engine's InstantSource");
            }
        }

        /** A journey store over the same tables: it names them and creates or upgrades the schema. Touches no database. */
        JdbcJourneyStore store() {
            JdbcJourneyStore.Builder b = JdbcJourneyStore.builder(dataSource).clock(clock);
            if (schema != null) {
                b.schema(schema);
            }
            if (prefix != null) {
                b.tablePrefix(prefix);
            }
            return b.build();
        }
    }

    /** A retention, checked. */
    static Duration positive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, but was " + value);
        }
        return value;
    }
}
