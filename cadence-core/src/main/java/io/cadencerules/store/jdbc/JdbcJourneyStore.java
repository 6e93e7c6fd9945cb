package io.cadencerules.store.jdbc;

import io.cadencerules.customer.Customer;
import io.cadencerules.event.Rejection;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.JourneyKey;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.store.DispatchIntent;
import io.cadencerules.store.JourneyQuery;
import io.cadencerules.store.JourneyStore;
import io.cadencerules.store.Lease;
import io.cadencerules.store.PriorDispatch;
import io.cadencerules.store.WriteBack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link JourneyStore} in PostgreSQL, over plain JDBC: several engine instances on one database
 * share one portfolio. The application supplies the {@link DataSource} (a connection pool) and the
 * PostgreSQL driver; this class brings no driver and no pool.
 *
 * <pre>{@code
 * JdbcJourneyStore store = JdbcJourneyStore.builder(dataSource)
 *         .clock(clock)                 // the engine's clock
 *         .build();
 * store.createSchema();                 // on demand: creates or upgrades the tables, idempotent
 * CadenceEngine engine = CadenceEngine.builder().clock(clock).store(store)...build();
 * }</pre>
 *
 * <p>How it works (see {@code docs/store-postgresql.md}):
 * <ul>
 *   <li>Each journey is one row: its id, status, due time, version and lease in columns, the whole
 *       journey as JSON in {@code payload}. Customers are rows with a JSON payload too.</li>
 *   <li>{@link #claimDue} is one statement: it selects the earliest claimable journeys with
 *       {@code FOR UPDATE SKIP LOCKED} (concurrent claimers skip each other's rows instead of
 *       waiting) and leases them to the claimer, returning them in one round trip. A journey is
 *       claimable from its {@code claim_at}, a generated column: the due time, or the end of the
 *       lease if later. So leased journeys leave the head of the claim index (claimers do not scan
 *       past them), and a dead instance's journeys come back by themselves when its leases end.</li>
 *   <li>{@link #replace} is a compare-and-set on the version column; {@link #replaceAll} sends
 *       many of them in one JDBC batch.</li>
 *   <li>A unique index allows one live journey per key, so concurrent enrolments cannot both win.</li>
 *   <li>{@link #markEventSeen} is an {@code INSERT ... ON CONFLICT DO NOTHING}.</li>
 * </ul>
 *
 * <p>Due times are kept to the microsecond (PostgreSQL's precision), rounded up: a journey due at
 * a fraction of a microsecond is handed out at the next whole microsecond, never early. The JSON
 * payload keeps the exact instant. Manual pauses ({@link #paused}) are read from the database at
 * most once per {@linkplain Builder#pauseRefresh refresh interval} of clock time; a pause set
 * through this store object is seen at once, one set through another instance within the interval.
 *
 * <p>Thread-safe: every call takes a connection from the data source and returns it.
 */
public final class JdbcJourneyStore implements JourneyStore {

    /** The newest schema version this library ships ({@code schema-vN.sql} resources). */
    public static final int SCHEMA_VERSION = 3;

    /** The default table name prefix. */
    public static final String DEFAULT_PREFIX = "cadence_";

    private static final Logger log = LoggerFactory.getLogger(JdbcJourneyStore.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String JOURNEY_COLUMNS = "customer_id, subject_key, cadence_id, run, version, payload";

    private final DataSource dataSource;
    private final InstantSource clock;
    private final String schema;
    private final String prefix;
    private final Duration eventRetention;
    private final int maxRejections;
    private final Duration pauseRefresh;

    private final String journeys;
    private final String customers;
    private final String seenEvents;
    private final String pauses;
    private final String rejections;
    private final String schemaVersion;
    private final String dispatches;
    private final Duration dispatchRetention;

    private final String insertSql;
    private final String replaceSql;
    private final String claimDueSql;
    private final String claimSql;
    private final String releaseSql;
    private final String nextDueSql;

    private final AtomicReference<Instant> lastEventPurge = new AtomicReference<>();
    private final AtomicReference<Instant> lastDispatchPurge = new AtomicReference<>();
    private final AtomicLong rejectionsRecorded = new AtomicLong();
    private final AtomicLong pauseGeneration = new AtomicLong();
    private volatile PauseSnapshot pauseSnapshot;

    private JdbcJourneyStore(Builder b) {
        this.dataSource = b.dataSource;
        this.clock = b.clock;
        this.schema = b.schema == null ? "" : b.schema + ".";
        this.prefix = b.prefix == null ? DEFAULT_PREFIX : b.prefix;
        this.eventRetention = b.eventRetention == null ? Duration.ofDays(30) : b.eventRetention;
        this.maxRejections = b.maxRejections == null ? 100_000 : b.maxRejections;
        this.pauseRefresh = b.pauseRefresh == null ? Duration.ofSeconds(1) : b.pauseRefresh;
        this.journeys = table("journeys");
        this.customers = table("customers");
        this.seenEvents = table("seen_events");
        this.pauses = table("pauses");
        this.rejections = table("rejections");
        this.schemaVersion = table("schema_version");
        this.dispatches = table("dispatches");
        this.dispatchRetention = b.dispatchRetention == null ? Duration.ofDays(30) : b.dispatchRetention;

        String newerRun = "NOT EXISTS (SELECT 1 FROM " + journeys + " n WHERE n.customer_id = j.customer_id"
                + " AND n.subject_key = j.subject_key AND n.cadence_id = j.cadence_id AND n.run > j.run)";
        String byId = "j.customer_id = ? AND j.subject_key = ? AND j.cadence_id = ? AND j.run = ?";
        this.insertSql = "INSERT INTO " + journeys + " (customer_id, subject_key, cadence_id, run, status, live, due_at, version, payload)"
                + " SELECT ?, ?, ?, ?, ?, ?, ?, 1, CAST(? AS jsonb)"
                + " WHERE NOT EXISTS (SELECT 1 FROM " + journeys + " WHERE customer_id = ? AND subject_key = ? AND cadence_id = ?"
                + " AND (run >= ? OR live)) ON CONFLICT DO NOTHING";
        this.replaceSql = "UPDATE " + journeys + " j SET status = ?, live = ?, due_at = ?, version = ?, payload = CAST(? AS jsonb),"
                + " lease_owner = CASE WHEN j.lease_owner = r.owner THEN NULL ELSE j.lease_owner END,"
                + " lease_until = CASE WHEN j.lease_owner = r.owner THEN NULL ELSE j.lease_until END"
                + " FROM (SELECT CAST(? AS text) AS owner) r" // the writer whose lease the write ends, or null
                + " WHERE " + byId + " AND j.version = ? AND " + newerRun;
        this.claimDueSql = "UPDATE " + journeys + " j SET lease_owner = ?, lease_until = ?"
                + " FROM (SELECT jid FROM " + journeys + " WHERE claim_at <= ? ORDER BY claim_at LIMIT ? FOR UPDATE SKIP LOCKED) due"
                + " WHERE j.jid = due.jid RETURNING j.jid, j.due_at, j.customer_id, j.subject_key, j.cadence_id, j.run, j.version, j.payload";
        this.claimSql = "UPDATE " + journeys + " j SET lease_owner = ?, lease_until = ? WHERE " + byId
                + " AND (j.lease_owner IS NULL OR j.lease_owner = ? OR j.lease_until <= ?) AND " + newerRun;
        this.releaseSql = "UPDATE " + journeys + " j SET lease_owner = NULL, lease_until = NULL WHERE " + byId + " AND j.lease_owner = ?";
        this.nextDueSql = "SELECT claim_at FROM " + journeys + " WHERE claim_at IS NOT NULL ORDER BY claim_at LIMIT 1";
    }

    /** Starts a store over a data source (a connection pool of the application's choosing). */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    // ------------------------------------------------------------------ schema

    /**
     * Creates the tables, or upgrades them to {@link #SCHEMA_VERSION}, by running the shipped
     * {@code schema-vN.sql} files above the version recorded in the {@code schema_version} table, in
     * order, in one transaction. Idempotent, and safe when several instances call it at once (they
     * take a transaction-scoped advisory lock). Creates the schema too, when one was given.
     *
     * @return the schema version now in the database
     * @throws IllegalStateException if the database holds a newer schema than this library knows
     */
    public int createSchema() {
        return inTransaction("create the schema", schemaVersion, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + (0x63616400L ^ (schema + prefix).hashCode()) + ")");
                if (!schema.isEmpty()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + schema.substring(0, schema.length() - 1));
                }
                s.execute("CREATE TABLE IF NOT EXISTS " + schemaVersion + " (version integer PRIMARY KEY,"
                        + " description text NOT NULL, applied_at timestamptz NOT NULL)");
            }
            int current = readSchemaVersion(c);
            if (current > SCHEMA_VERSION) {
                throw new IllegalStateException("table " + schemaVersion + " says the schema is at version " + current
                        + ", newer than this library knows (" + SCHEMA_VERSION + ")");
            }
            for (int v = current + 1; v <= SCHEMA_VERSION; v++) {
                String file = "schema-v" + v + ".sql";
                try (Statement s = c.createStatement()) {
                    for (String statement : statements(file)) {
                        s.execute(statement);
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO " + schemaVersion + " (version, description, applied_at) VALUES (?, ?, ?)")) {
                    p.setInt(1, v);
                    p.setString(2, file);
                    p.setObject(3, floorMicros(clock.instant()));
                    p.executeUpdate();
                }
                log.info("cadence store: applied {} to {}{}*", file, schema, prefix);
            }
            return SCHEMA_VERSION;
        });
    }

    /** The schema version recorded by {@link #createSchema()}, or 0 when it never ran on this database. */
    public int schemaVersion() {
        return withConnection("read the schema version", schemaVersion, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                p.setString(1, schemaVersion);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    if (!r.getBoolean(1)) {
                        return 0;
                    }
                }
            }
            return readSchemaVersion(c);
        });
    }

    private int readSchemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM " + schemaVersion)) {
            r.next();
            return r.getInt(1);
        }
    }

    /** The statements of a shipped schema file, placeholders filled in. */
    private List<String> statements(String file) {
        String text;
        try (InputStream in = JdbcJourneyStore.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("schema file " + file + " is missing from the cadence-core jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read schema file " + file + ": " + e.getMessage(), e);
        }
        text = text.replace("${schema}", schema).replace("${prefix}", prefix);
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.strip().equals(";")) {
                if (!current.toString().isBlank()) {
                    out.add(current.toString());
                }
                current.setLength(0);
            } else if (!line.strip().startsWith("--")) {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("schema file " + file + " ends with a statement not closed by a line holding ';'");
        }
        return out;
    }

    // ------------------------------------------------------------------ customers

    @Override
    public void saveCustomer(Customer customer) {
        String payload = PayloadCodec.write(customer);
        withConnection("save customer '" + customer.id() + "'", customers, c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + customers + " (id, payload) VALUES (?, CAST(? AS jsonb))"
                    + " ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload")) {
                p.setString(1, customer.id());
                p.setString(2, payload);
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Customer> customer(String customerId) {
        String payload = withConnection("read customer '" + customerId + "'", customers, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT payload FROM " + customers + " WHERE id = ?")) {
                p.setString(1, customerId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
        return payload == null ? Optional.empty() : Optional.of(customer(customerId, payload));
    }

    private Customer customer(String customerId, String payload) {
        try {
            Customer customer = PayloadCodec.readCustomer(payload);
            if (!customer.id().equals(customerId)) {
                throw new JdbcStoreException("customer '" + customerId + "' in table " + customers
                        + " has the payload of customer '" + customer.id() + "'", null);
            }
            return customer;
        } catch (PayloadCodec.PayloadException e) {
            throw new JdbcStoreException("customer '" + customerId + "' in table " + customers + " has an unreadable payload: "
                    + e.getMessage(), e);
        }
    }

    /** {@inheritDoc} One query. */
    @Override
    public Map<String, Customer> customers(Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Map.of();
        }
        Map<String, String> payloads = withConnection("read " + customerIds.size() + " customers", customers, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, payload FROM " + customers + " WHERE id = ANY(?)")) {
                p.setArray(1, c.createArrayOf("text", customerIds.toArray()));
                Map<String, String> out = new HashMap<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getString(2));
                    }
                }
                return out;
            }
        });
        Map<String, Customer> found = new HashMap<>();
        payloads.forEach((id, payload) -> found.put(id, customer(id, payload)));
        return found;
    }

    // ------------------------------------------------------------------ journeys

    @Override
    public boolean insert(Journey journey) {
        if (journey.version() != 1) {
            throw new IllegalArgumentException("a new journey must have version 1, but " + journey.id() + " has " + journey.version());
        }
        String payload = PayloadCodec.write(journey);
        JourneyId id = journey.id();
        return withConnection("insert journey " + id, journeys, c -> {
            try (PreparedStatement p = c.prepareStatement(insertSql)) {
                p.setString(1, id.customerId());
                p.setString(2, id.subjectKey());
                p.setString(3, id.cadenceId());
                p.setInt(4, id.run());
                p.setString(5, journey.status().name());
                p.setBoolean(6, journey.isLive());
                setDue(p, 7, journey.dueAt());
                p.setString(8, payload);
                p.setString(9, id.customerId());
                p.setString(10, id.subjectKey());
                p.setString(11, id.cadenceId());
                p.setInt(12, id.run());
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean replace(Journey next) {
        String payload = PayloadCodec.write(next);
        return withConnection("replace journey " + next.id(), journeys, c -> {
            try (PreparedStatement p = c.prepareStatement(replaceSql)) {
                bindReplace(p, next, payload, null);
                return p.executeUpdate() == 1;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false; // it would make a second live journey of its key
                }
                throw e;
            }
        });
    }

    /**
     * Sends all the writes in one JDBC batch, in one transaction, ordered by journey id (so that two
     * instances writing overlapping batches take row locks in the same order); each write is still
     * a compare-and-set of its own and a refused one does not stop the others.
     */
    @Override
    public boolean[] replaceAll(List<Journey> batch) {
        boolean[] written = new boolean[batch.size()];
        if (batch.isEmpty()) {
            return written;
        }
        boolean conflict = inTransaction("replace " + batch.size() + " journeys", journeys, c -> {
            if (!writeJourneys(c, batch, written, null, Set.of())) {
                c.rollback();
                return true;
            }
            return false;
        });
        if (conflict) { // one write would make a second live journey of its key: do them one by one
            for (int i = 0; i < written.length; i++) {
                written[i] = replace(batch.get(i));
            }
        }
        return written;
    }

    /** Binds {@link #replaceSql}; {@code releasing} is the owner whose lease the write ends, or null to leave the lease. */
    private void bindReplace(PreparedStatement p, Journey next, String payload, String releasing) throws SQLException {
        JourneyId id = next.id();
        p.setString(1, next.status().name());
        p.setBoolean(2, next.isLive());
        setDue(p, 3, next.dueAt());
        p.setLong(4, next.version());
        p.setString(5, payload);
        p.setString(6, releasing);
        bindId(p, 7, id);
        p.setLong(11, next.version() - 1);
    }

    /** {@inheritDoc} One statement. */
    @Override
    public Map<JourneyId, Long> versions(Collection<JourneyId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return withConnection("read the versions of " + ids.size() + " journeys", journeys, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT j.customer_id, j.subject_key, j.cadence_id, j.run, j.version FROM "
                    + journeys + " j JOIN unnest(?, ?, ?, ?) AS r(customer_id, subject_key, cadence_id, run) ON " + byIds("r"))) {
                bindIds(c, p, 1, ids);
                Map<JourneyId, Long> found = new HashMap<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        found.put(new JourneyId(r.getString(1), r.getString(2), r.getString(3), r.getInt(4)), r.getLong(5));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public Optional<Journey> find(JourneyId id) {
        List<Journey> found = readJourneys("read journey " + id,
                "SELECT " + JOURNEY_COLUMNS + " FROM " + journeys + " WHERE customer_id = ? AND subject_key = ? AND cadence_id = ? AND run = ?",
                p -> {
                    p.setString(1, id.customerId());
                    p.setString(2, id.subjectKey());
                    p.setString(3, id.cadenceId());
                    p.setInt(4, id.run());
                });
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public Optional<Journey> latest(JourneyKey key) {
        List<Journey> found = readJourneys("read the latest journey of " + key,
                "SELECT " + JOURNEY_COLUMNS + " FROM " + journeys + " WHERE customer_id = ? AND subject_key = ? AND cadence_id = ?"
                        + " ORDER BY run DESC LIMIT 1",
                p -> {
                    p.setString(1, key.customerId());
                    p.setString(2, key.subjectKey());
                    p.setString(3, key.cadenceId());
                });
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<Journey> query(JourneyQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ").append(JOURNEY_COLUMNS).append(" FROM ").append(journeys).append(" WHERE true");
        List<String> values = new ArrayList<>(3);
        if (query.customerId() != null) {
            sql.append(" AND customer_id = ?");
            values.add(query.customerId());
        }
        if (query.cadenceId() != null) {
            sql.append(" AND cadence_id = ?");
            values.add(query.cadenceId());
        }
        if (query.status() != null) {
            sql.append(" AND status = ?");
            values.add(query.status().name());
        }
        sql.append(" LIMIT ?");
        return readJourneys("query journeys " + query, sql.toString(), p -> {
            for (int i = 0; i < values.size(); i++) {
                p.setString(i + 1, values.get(i));
            }
            p.setInt(values.size() + 1, query.limit());
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One statement, one round trip. A row whose payload cannot be read is left out (and logged
     * as an error naming it): it stays leased to the claimer until the lease expires, so it neither
     * blocks the rest of the batch nor comes back at once, and it is not changed.
     */
    @Override
    public List<Journey> claimDue(Instant now, int limit, Lease lease) {
        if (limit < 1) {
            throw new IllegalArgumentException("claim limit must be at least 1, but was " + limit);
        }
        record Claimed(long jid, OffsetDateTime due, Journey journey) {
        }
        List<Claimed> claimed = withConnection("claim due journeys", journeys, c -> {
            try (PreparedStatement p = c.prepareStatement(claimDueSql)) {
                p.setString(1, lease.owner());
                p.setObject(2, ceilMicros(lease.until()));
                p.setObject(3, floorMicros(now));
                p.setInt(4, limit);
                List<Claimed> out = new ArrayList<>(Math.min(limit, 1024));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        try {
                            out.add(new Claimed(r.getLong(1), r.getObject(2, OffsetDateTime.class), decode(r, 3)));
                        } catch (JdbcStoreException unreadable) {
                            log.error("{}; left out of the claim, leased to {} until {}", unreadable.getMessage(), lease.owner(),
                                    lease.until());
                        }
                    }
                }
                return out;
            }
        });
        claimed.sort(Comparator.comparing(Claimed::due).thenComparingLong(Claimed::jid));
        List<Journey> out = new ArrayList<>(claimed.size());
        for (Claimed c : claimed) {
            out.add(c.journey());
        }
        return out;
    }

    @Override
    public boolean claim(JourneyId id, Instant now, Lease lease) {
        return withConnection("claim journey " + id, journeys, c -> {
            try (PreparedStatement p = c.prepareStatement(claimSql)) {
                p.setString(1, lease.owner());
                p.setObject(2, ceilMicros(lease.until()));
                bindId(p, 3, id);
                p.setString(7, lease.owner());
                p.setObject(8, floorMicros(now));
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void release(JourneyId id, String owner) {
        withConnection("release journey " + id, journeys, c -> {
            try (PreparedStatement p = c.prepareStatement(releaseSql)) {
                bindId(p, 1, id);
                p.setString(5, owner);
                return p.executeUpdate();
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>A leased journey counts from the end of its lease (when another instance may take it over,
     * should the holder die), so the answer may be a lease's end rather than a due time.
     */
    @Override
    public Optional<Instant> nextDue() {
        OffsetDateTime due = withConnection("find the next due time", journeys, c -> {
            try (PreparedStatement p = c.prepareStatement(nextDueSql)) {
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getObject(1, OffsetDateTime.class) : null;
                }
            }
        });
        return Optional.ofNullable(due).map(OffsetDateTime::toInstant);
    }

    // ------------------------------------------------------------------ the outbox and the write-back

    /** True: the engine holds a claimed batch's writes for one {@link #writeBack}; this store keeps an outbox. */
    @Override
    public boolean batchesWriteBack() {
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One statement: an insert of every key as PENDING (a key already SENT is left as it is), which
     * also answers the state each key had before.
     */
    @Override
    public Map<String, PriorDispatch> beginDispatches(List<DispatchIntent> intents, String owner, Instant at) {
        if (intents.isEmpty()) {
            return Map.of();
        }
        Map<String, DispatchIntent> byKey = new LinkedHashMap<>();
        for (DispatchIntent intent : intents) {
            byKey.putIfAbsent(intent.key(), intent); // one row may not be inserted twice by one statement
        }
        String[] journeyIds = new String[byKey.size()];
        String[] keys = new String[byKey.size()];
        String[] channels = new String[byKey.size()];
        int i = 0;
        for (DispatchIntent intent : byKey.values()) {
            journeyIds[i] = intent.journey().toString();
            keys[i] = intent.key();
            channels[i++] = intent.channel().name();
        }
        String sql = "WITH input AS (SELECT * FROM unnest(?, ?, ?) AS i(journey, key, channel)),"
                + " old AS (SELECT d.key, d.state, d.result FROM " + dispatches + " d JOIN input i"
                + " ON d.journey = i.journey AND d.key = i.key),"
                + " up AS (INSERT INTO " + dispatches + " AS d (journey, key, channel, state, owner, began_at)"
                + " SELECT journey, key, channel, 'PENDING', ?, ? FROM input"
                + " ON CONFLICT (journey, key) DO UPDATE SET state = 'PENDING', owner = EXCLUDED.owner WHERE d.state <> 'SENT')"
                + " SELECT key, state, result FROM old";
        Map<String, PriorDispatch> known = new HashMap<>();
        withConnection("begin " + keys.length + " dispatches", dispatches, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setArray(1, c.createArrayOf("text", journeyIds));
                p.setArray(2, c.createArrayOf("text", keys));
                p.setArray(3, c.createArrayOf("text", channels));
                p.setString(4, owner);
                p.setObject(5, floorMicros(at));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        known.put(r.getString(1), prior(r.getString(1), r.getString(2), r.getString(3)));
                    }
                }
            }
            return null;
        });
        return known;
    }

    private PriorDispatch prior(String key, String state, String result) {
        PriorDispatch.State s = PriorDispatch.State.valueOf(state);
        if (s != PriorDispatch.State.SENT) {
            return new PriorDispatch(s, null);
        }
        try {
            return new PriorDispatch(s, PayloadCodec.readResult(result));
        } catch (PayloadCodec.PayloadException e) {
            throw new JdbcStoreException("dispatch '" + key + "' in table " + dispatches + " has an unreadable result: "
                    + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction: the answers and the keys not offered, the journeys as one JDBC batch
     * (ordered by journey id, so that two instances lock rows in the same order), the keys still
     * pending for the journeys written marked IN_DOUBT, the leases ended. If a journey write would
     * make a second live journey of its key, that transaction is rolled back and the same is done in
     * three steps: answers, then each journey on its own, then the leases.
     */
    @Override
    public boolean[] writeBack(WriteBack back) {
        String what = "write back " + back.journeys().size() + " journeys and " + back.results().size() + " dispatches";
        boolean[] written = new boolean[back.journeys().size()];
        Set<JourneyId> release = new HashSet<>(back.release());
        boolean conflict = inTransaction(what, journeys, c -> {
            writeDispatches(c, back);
            if (!writeJourneys(c, back.journeys(), written, back.owner(), release)) {
                c.rollback();
                return true;
            }
            endPass(c, back, written, true);
            return false;
        });
        if (conflict) {
            inTransaction(what, dispatches, c -> {
                writeDispatches(c, back);
                return null;
            });
            for (int i = 0; i < written.length; i++) {
                written[i] = replace(back.journeys().get(i));
            }
            inTransaction(what, journeys, c -> {
                endPass(c, back, written, false);
                return null;
            });
        }
        purgeDispatches();
        return written;
    }

    /** The adapters' answers and the keys begun but not offered. */
    private void writeDispatches(Connection c, WriteBack back) throws SQLException {
        if (!back.results().isEmpty()) {
            int n = back.results().size();
            String[] journeyIds = new String[n];
            String[] keys = new String[n];
            String[] states = new String[n];
            String[] results = new String[n];
            int i = 0;
            for (Map.Entry<DispatchIntent, DispatchResult> e : back.results().entrySet()) {
                journeyIds[i] = e.getKey().journey().toString();
                keys[i] = e.getKey().key();
                states[i] = (PriorDispatch.offeredAgain(e.getValue()) ? PriorDispatch.State.RETRY : PriorDispatch.State.SENT).name();
                results[i++] = PayloadCodec.write(e.getValue());
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE " + dispatches + " d SET state = r.state,"
                    + " result = CAST(r.result AS jsonb), done_at = ?, offers = d.offers + 1"
                    + " FROM unnest(?, ?, ?, ?) AS r(journey, key, state, result)"
                    + " WHERE d.journey = r.journey AND d.key = r.key")) {
                p.setObject(1, floorMicros(clock.instant()));
                p.setArray(2, c.createArrayOf("text", journeyIds));
                p.setArray(3, c.createArrayOf("text", keys));
                p.setArray(4, c.createArrayOf("text", states));
                p.setArray(5, c.createArrayOf("text", results));
                p.executeUpdate();
            }
        }
        if (!back.unoffered().isEmpty()) {
            List<String> newJourneys = new ArrayList<>();
            List<String> newKeys = new ArrayList<>();
            List<String> oldJourneys = new ArrayList<>();
            List<String> oldKeys = new ArrayList<>();
            List<String> oldStates = new ArrayList<>();
            back.unoffered().forEach((intent, before) -> {
                (before == null ? newJourneys : oldJourneys).add(intent.journey().toString());
                (before == null ? newKeys : oldKeys).add(intent.key());
                if (before != null) {
                    oldStates.add(before.name());
                }
            });
            if (!newKeys.isEmpty()) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM " + dispatches + " d USING unnest(?, ?) AS r(journey, key)"
                        + " WHERE d.journey = r.journey AND d.key = r.key AND d.state = 'PENDING'")) {
                    p.setArray(1, c.createArrayOf("text", newJourneys.toArray()));
                    p.setArray(2, c.createArrayOf("text", newKeys.toArray()));
                    p.executeUpdate();
                }
            }
            if (!oldKeys.isEmpty()) {
                try (PreparedStatement p = c.prepareStatement("UPDATE " + dispatches + " d SET state = r.state"
                        + " FROM unnest(?, ?, ?) AS r(journey, key, state) WHERE d.journey = r.journey AND d.key = r.key"
                        + " AND d.state = 'PENDING'")) {
                    p.setArray(1, c.createArrayOf("text", oldJourneys.toArray()));
                    p.setArray(2, c.createArrayOf("text", oldKeys.toArray()));
                    p.setArray(3, c.createArrayOf("text", oldStates.toArray()));
                    p.executeUpdate();
                }
            }
        }
    }

    /**
     * The journey writes as one JDBC batch, ordered by journey id (stable: versions stay in order). A
     * journey in {@code release} whose lease {@code owner} holds also loses its lease in the same row
     * write (no second update of the row to end it).
     *
     * @return false if a write would make a second live journey of its key (the batch failed)
     */
    private boolean writeJourneys(Connection c, List<Journey> batch, boolean[] written, String owner, Set<JourneyId> release)
            throws SQLException {
        if (batch.isEmpty()) {
            return true;
        }
        Integer[] order = new Integer[batch.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparing((Integer i) -> batch.get(i).id().toString()));
        try (PreparedStatement p = c.prepareStatement(replaceSql)) {
            for (int i : order) {
                bindReplace(p, batch.get(i), PayloadCodec.write(batch.get(i)), release.contains(batch.get(i).id()) ? owner : null);
                p.addBatch();
            }
            int[] counts = p.executeBatch();
            for (int k = 0; k < order.length; k++) {
                written[order[k]] = counts[k] == 1;
            }
            return true;
        } catch (BatchUpdateException e) {
            if (UNIQUE_VIOLATION.equals(JdbcSupport.sqlState(e))) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Keys still pending for the journeys written are in doubt (their offerer is gone); the owner's
     * leases end, but for the journeys whose write ended them already ({@code releasedByWrites}).
     */
    private void endPass(Connection c, WriteBack back, boolean[] written, boolean releasedByWrites) throws SQLException {
        Set<String> landed = new LinkedHashSet<>();
        Set<JourneyId> release = new LinkedHashSet<>(back.release());
        for (int i = 0; i < written.length; i++) {
            if (written[i]) {
                landed.add(back.journeys().get(i).id().toString());
                if (releasedByWrites) {
                    release.remove(back.journeys().get(i).id());
                }
            }
        }
        if (!landed.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement("UPDATE " + dispatches + " SET state = 'IN_DOUBT'"
                    + " WHERE journey = ANY(?) AND state = 'PENDING'")) {
                p.setArray(1, c.createArrayOf("text", landed.toArray()));
                p.executeUpdate();
            }
        }
        if (!release.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement("UPDATE " + journeys + " j SET lease_owner = NULL, lease_until = NULL"
                    + " FROM unnest(?, ?, ?, ?) AS r(customer_id, subject_key, cadence_id, run) WHERE " + byIds("r")
                    + " AND j.lease_owner = ?")) {
                bindIds(c, p, 1, release);
                p.setString(5, back.owner());
                p.executeUpdate();
            }
        }
    }

    /** {@inheritDoc} One statement. */
    @Override
    public void renew(Collection<JourneyId> ids, Instant now, Lease lease) {
        if (ids.isEmpty()) {
            return;
        }
        withConnection("renew the leases of " + ids.size() + " journeys", journeys, c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE " + journeys + " j SET lease_owner = ?, lease_until = ?"
                    + " FROM unnest(?, ?, ?, ?) AS r(customer_id, subject_key, cadence_id, run) WHERE " + byIds("r")
                    + " AND (j.lease_owner IS NULL OR j.lease_owner = ? OR j.lease_until <= ?)")) {
                p.setString(1, lease.owner());
                p.setObject(2, ceilMicros(lease.until()));
                bindIds(c, p, 3, ids);
                p.setString(7, lease.owner());
                p.setObject(8, floorMicros(now));
                return p.executeUpdate();
            }
        });
    }

    private static String byIds(String alias) {
        return "j.customer_id = " + alias + ".customer_id AND j.subject_key = " + alias + ".subject_key AND j.cadence_id = "
                + alias + ".cadence_id AND j.run = " + alias + ".run";
    }

    /** Binds journey ids as four arrays (customer, subject, cadence, run) from parameter {@code from}. */
    private static void bindIds(Connection c, PreparedStatement p, int from, Collection<JourneyId> ids) throws SQLException {
        String[] customerIds = new String[ids.size()];
        String[] subjects = new String[ids.size()];
        String[] cadences = new String[ids.size()];
        Integer[] runs = new Integer[ids.size()];
        int i = 0;
        for (JourneyId id : ids) {
            customerIds[i] = id.customerId();
            subjects[i] = id.subjectKey();
            cadences[i] = id.cadenceId();
            runs[i++] = id.run();
        }
        p.setArray(from, c.createArrayOf("text", customerIds));
        p.setArray(from + 1, c.createArrayOf("text", subjects));
        p.setArray(from + 2, c.createArrayOf("text", cadences));
        p.setArray(from + 3, c.createArrayOf("int4", runs));
    }

    /**
     * Contacts that may be in doubt: their offerer stopped before it knew the adapter's answer. That
     * is every IN_DOUBT key (the journey was written since without it), and every key still PENDING
     * that was begun before {@code begunBefore} (pass a time longer ago than any live offer can take:
     * the engine's lease plus its dispatch timeout). A key is offered again, with the same key, only
     * if a new decision of its journey reaches it; an adapter that honours idempotency keys has sent
     * it at most once. For monitoring and reconciliation with the provider.
     *
     * @return up to {@code limit} idempotency keys, oldest first
     */
    public List<String> dispatchesInDoubt(Instant begunBefore, int limit) {
        return withConnection("list dispatches in doubt", dispatches, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT key FROM " + dispatches
                    + " WHERE state = 'IN_DOUBT' OR (state = 'PENDING' AND began_at < ?) ORDER BY began_at, key LIMIT ?")) {
                p.setObject(1, floorMicros(begunBefore));
                p.setInt(2, limit);
                List<String> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Forgets outbox rows begun before an instant (pending ones are kept). Called by itself at most
     * once an hour of clock time, for rows older than the dispatch retention.
     *
     * @return the number of rows deleted
     */
    public int forgetDispatchesBefore(Instant before) {
        return withConnection("forget old dispatches", dispatches, c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + dispatches + " WHERE began_at < ? AND state <> 'PENDING'")) {
                p.setObject(1, floorMicros(before));
                return p.executeUpdate();
            }
        });
    }

    private void purgeDispatches() {
        Instant now = clock.instant();
        Instant last = lastDispatchPurge.get();
        if ((last == null || !now.isBefore(last.plus(Duration.ofHours(1)))) && lastDispatchPurge.compareAndSet(last, now)) {
            forgetDispatchesBefore(now.minus(dispatchRetention));
        }
    }

    // ------------------------------------------------------------------ events

    @Override
    public boolean wasEventSeen(String eventId) {
        return withConnection("look up event '" + eventId + "'", seenEvents, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM " + seenEvents + " WHERE event_id = ?")) {
                p.setString(1, eventId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Ids are forgotten once they are older than the event retention (in event time): each time
     * the event time has moved on by a thirtieth of the retention, ids seen before {@code at} minus
     * the retention are deleted.
     */
    @Override
    public boolean markEventSeen(String eventId, Instant at) {
        boolean inserted = withConnection("record event '" + eventId + "'", seenEvents, c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO " + seenEvents + " (event_id, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                p.setString(1, eventId);
                p.setObject(2, floorMicros(at));
                return p.executeUpdate() == 1;
            }
        });
        Instant last = lastEventPurge.get();
        if (last == null || !at.isBefore(last.plus(eventRetention.dividedBy(30)))) {
            if (lastEventPurge.compareAndSet(last, at)) {
                forgetEventsSeenBefore(at.minus(eventRetention));
            }
        }
        return inserted;
    }

    /**
     * Forgets the event ids seen before a time (their events, if they come again, are handled as new).
     *
     * @return how many ids were forgotten
     */
    public int forgetEventsSeenBefore(Instant before) {
        return withConnection("forget events seen before " + before, seenEvents, c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + seenEvents + " WHERE seen_at < ?")) {
                p.setObject(1, floorMicros(before));
                return p.executeUpdate();
            }
        });
    }

    // ------------------------------------------------------------------ pauses

    @Override
    public void setPaused(PauseScope scope, String id, boolean paused) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(id, "id");
        withConnection((paused ? "pause " : "resume ") + scope.name().toLowerCase(java.util.Locale.ROOT) + " '" + id + "'", pauses, c -> {
            String sql = paused ? "INSERT INTO " + pauses + " (scope, id) VALUES (?, ?) ON CONFLICT DO NOTHING"
                    : "DELETE FROM " + pauses + " WHERE scope = ? AND id = ?";
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, scope.name());
                p.setString(2, id);
                return p.executeUpdate();
            }
        });
        pauseGeneration.incrementAndGet();
        pauseSnapshot = null;
    }

    /**
     * {@inheritDoc}
     *
     * <p>An unmodifiable snapshot, re-read from the database at most once per refresh interval of
     * clock time, and at once after {@link #setPaused} on this store object.
     */
    @Override
    public Set<String> paused(PauseScope scope) {
        Instant now = clock.instant();
        PauseSnapshot snapshot = pauseSnapshot;
        if (snapshot == null || now.isBefore(snapshot.loadedAt()) || !now.isBefore(snapshot.loadedAt().plus(pauseRefresh))) {
            long generation = pauseGeneration.get();
            snapshot = loadPauses(now);
            if (pauseGeneration.get() == generation) {
                pauseSnapshot = snapshot;
            }
        }
        return snapshot.sets().get(scope);
    }

    private PauseSnapshot loadPauses(Instant now) {
        Map<PauseScope, Set<String>> sets = new EnumMap<>(PauseScope.class);
        for (PauseScope scope : PauseScope.values()) {
            sets.put(scope, new HashSet<>());
        }
        withConnection("read the manual pauses", pauses, c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT scope, id FROM " + pauses)) {
                while (r.next()) {
                    PauseScope scope;
                    try {
                        scope = PauseScope.valueOf(r.getString(1));
                    } catch (IllegalArgumentException e) {
                        log.error("table {} has a pause of unknown scope '{}' for '{}'; ignored", pauses, r.getString(1), r.getString(2));
                        continue;
                    }
                    sets.get(scope).add(r.getString(2));
                }
            }
            return null;
        });
        sets.replaceAll((scope, set) -> Collections.unmodifiableSet(set));
        return new PauseSnapshot(now, sets);
    }

    private record PauseSnapshot(Instant loadedAt, Map<PauseScope, Set<String>> sets) {
    }

    // ------------------------------------------------------------------ rejections

    /**
     * {@inheritDoc}
     *
     * <p>The table keeps the most recent rejections: every so often (every {@code min(1024,
     * maxRejections)} records from this store object) older ones beyond the maximum are deleted.
     */
    @Override
    public void recordRejection(Rejection rejection) {
        Objects.requireNonNull(rejection, "rejection");
        withConnection("record a rejection", rejections, c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + rejections + " (at, event_id, reason, detail, input)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
                p.setObject(1, floorMicros(rejection.at()));
                p.setString(2, rejection.eventId());
                p.setString(3, rejection.reason());
                p.setString(4, rejection.detail());
                p.setString(5, rejection.input());
                p.executeUpdate();
            }
            if (rejectionsRecorded.incrementAndGet() % Math.min(1024, maxRejections) == 0) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM " + rejections + " WHERE id <= (SELECT id FROM " + rejections
                        + " ORDER BY id DESC OFFSET ? LIMIT 1)")) {
                    p.setInt(1, maxRejections);
                    p.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Rejection times are kept to the microsecond.
     */
    @Override
    public List<Rejection> rejections(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("rejections limit must not be negative, but was " + limit);
        }
        List<Rejection> newestFirst = withConnection("read rejections", rejections, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT at, event_id, reason, detail, input FROM " + rejections
                    + " ORDER BY id DESC LIMIT ?")) {
                p.setInt(1, Math.min(limit, maxRejections));
                List<Rejection> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new Rejection(r.getObject(1, OffsetDateTime.class).toInstant(), r.getString(2), r.getString(3),
                                r.getString(4), r.getString(5)));
                    }
                }
                return out;
            }
        });
        Collections.reverse(newestFirst);
        return List.copyOf(newestFirst);
    }

    // ------------------------------------------------------------------ plumbing

    /** The qualified name of one of the store's tables, e.g. {@code cadence.cadence_journeys}. */
    public String table(String name) {
        return schema + prefix + name;
    }

    private List<Journey> readJourneys(String what, String sql, Binder binder) {
        return withConnection(what, journeys, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                binder.bind(p);
                List<Journey> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(decode(r, 1));
                    }
                }
                return out;
            }
        });
    }

    /** Reads a journey from the columns {@code customer_id, subject_key, cadence_id, run, version, payload} starting at {@code from}. */
    private Journey decode(ResultSet r, int from) throws SQLException {
        String rowId = r.getString(from) + "/" + r.getString(from + 1) + "/" + r.getString(from + 2) + "#" + r.getInt(from + 3);
        long version = r.getLong(from + 4);
        Journey journey;
        try {
            journey = PayloadCodec.readJourney(r.getString(from + 5));
        } catch (PayloadCodec.PayloadException e) {
            throw new JdbcStoreException("journey " + rowId + " in table " + journeys + " has an unreadable payload: " + e.getMessage(), e);
        }
        if (!journey.id().toString().equals(rowId) || journey.version() != version) {
            throw new JdbcStoreException("journey " + rowId + " version " + version + " in table " + journeys
                    + " has the payload of journey " + journey.id() + " version " + journey.version(), null);
        }
        return journey;
    }

    private static void bindId(PreparedStatement p, int from, JourneyId id) throws SQLException {
        p.setString(from, id.customerId());
        p.setString(from + 1, id.subjectKey());
        p.setString(from + 2, id.cadenceId());
        p.setInt(from + 3, id.run());
    }

    private static void setDue(PreparedStatement p, int index, Instant due) throws SQLException {
        if (due == null) {
            p.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            p.setObject(index, ceilMicros(due));
        }
    }

    /** An instant as PostgreSQL keeps it, rounded up to the microsecond: a due time is never handed out early. */
    static OffsetDateTime ceilMicros(Instant instant) {
        Instant down = instant.truncatedTo(ChronoUnit.MICROS);
        return (down.equals(instant) ? down : down.plusNanos(1_000)).atOffset(ZoneOffset.UTC);
    }

    /** An instant rounded down to the microsecond: "now" for comparisons. */
    static OffsetDateTime floorMicros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private <T> T withConnection(String what, String table, JdbcSupport.Work<T> work) {
        return JdbcSupport.withConnection(dataSource, what, table, work);
    }

    private <T> T inTransaction(String what, String table, JdbcSupport.Work<T> work) {
        return JdbcSupport.inTransaction(dataSource, what, table, work);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    /**
     * Settings of a {@link JdbcJourneyStore}; {@link #build()} may be called more than once. Each
     * option may be set once.
     */
    public static final class Builder {
        private final DataSource dataSource;
        private InstantSource clock;
        private String schema;
        private String prefix;
        private Duration eventRetention;
        private Integer maxRejections;
        private Duration pauseRefresh;
        private Duration dispatchRetention;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * The clock (required): the engine's. The store reads it only to know when to re-read the manual
         * pauses and to stamp schema upgrades; claims, leases and events use the times they are given.
         */
        public Builder clock(InstantSource clock) {
            Objects.requireNonNull(clock, "clock");
            if (this.clock != null) {
                throw new IllegalStateException("the store's clock was already set; cannot set it to " + clock);
            }
            this.clock = clock;
            return this;
        }

        /**
         * The PostgreSQL schema of the tables (created by {@link #createSchema()} if missing); by default
         * none is named and the connection's {@code search_path} decides. Lower-case letters, digits and
         * underscores, at most 40.
         */
        public Builder schema(String name) {
            if (this.schema != null) {
                throw new IllegalStateException("the store's schema was already set to '" + this.schema + "'; cannot set it to '" + name + "'");
            }
            this.schema = JdbcSupport.identifier("schema", name);
            return this;
        }

        /**
         * The prefix of every table and index name, {@value #DEFAULT_PREFIX} by default, so that several
         * stores (or tests) can share a schema. Lower-case letters, digits and underscores, at most 40.
         */
        public Builder tablePrefix(String prefix) {
            if (this.prefix != null) {
                throw new IllegalStateException("the store's table prefix was already set to '" + this.prefix
                        + "'; cannot set it to '" + prefix + "'");
            }
            this.prefix = JdbcSupport.identifier("table prefix", prefix);
            return this;
        }

        /** How long (in event time) event ids are remembered for de-duplication; 30 days by default. */
        public Builder eventRetention(Duration retention) {
            Objects.requireNonNull(retention, "retention");
            if (this.eventRetention != null) {
                throw new IllegalStateException("the store's event retention was already set; cannot set it to " + retention);
            }
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("event retention must be positive, but was " + retention);
            }
            this.eventRetention = retention;
            return this;
        }

        /**
         * How long the outbox keeps a dispatch's row (by clock time since it was begun); default 30
         * days. It must outlast the longest time a journey may wait before it is decided again
         * (a deferral, a provider's retry), so that an answer is never asked for twice.
         */
        public Builder dispatchRetention(Duration retention) {
            Objects.requireNonNull(retention, "retention");
            if (this.dispatchRetention != null) {
                throw new IllegalStateException("the store's dispatch retention was already set; cannot set it to " + retention);
            }
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("dispatch retention must be positive, but was " + retention);
            }
            this.dispatchRetention = retention;
            return this;
        }

        /** How many rejections are kept (the oldest are deleted first); 100,000 by default. */
        public Builder maxRejections(int max) {
            if (this.maxRejections != null) {
                throw new IllegalStateException("the store's max rejections was already set; cannot set it to " + max);
            }
            if (max < 1) {
                throw new IllegalArgumentException("max rejections must be at least 1, but was " + max);
            }
            this.maxRejections = max;
            return this;
        }

        /**
         * How long (in clock time) the manual pauses read from the database are reused; 1 second by
         * default. Zero reads them at every call (the engine asks for every due journey).
         */
        public Builder pauseRefresh(Duration refresh) {
            Objects.requireNonNull(refresh, "refresh");
            if (this.pauseRefresh != null) {
                throw new IllegalStateException("the store's pause refresh was already set; cannot set it to " + refresh);
            }
            if (refresh.isNegative()) {
                throw new IllegalArgumentException("pause refresh must not be negative, but was " + refresh);
            }
            this.pauseRefresh = refresh;
            return this;
        }

        /**
         * The store. Touches no database: call {@link JdbcJourneyStore#createSchema()} to create the tables.
         *
         * @throws IllegalStateException if no clock was given
         */
        public JdbcJourneyStore build() {
            if (clock == null) {
                throw new IllegalStateException("the store needs a clock: call clock(...) with the engine's InstantSource");
            }
            return new JdbcJourneyStore(this);
        }

    }
}
