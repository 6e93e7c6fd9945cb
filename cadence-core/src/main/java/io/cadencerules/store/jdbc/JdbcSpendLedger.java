package io.cadencerules.store.jdbc;

import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.policy.SpendCap;
import io.cadencerules.policy.SpendClaim;
import io.cadencerules.policy.SpendEntry;
import io.cadencerules.policy.SpendLedger;
import io.cadencerules.policy.SpendQuery;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link SpendLedger} in PostgreSQL, over plain JDBC: every engine instance on the database books
 * into the same ledger, so the budget's caps (per account, per cadence per day and month, per day)
 * hold across instances. The application supplies the {@link DataSource}, as for
 * {@link JdbcJourneyStore}; the tables belong to the same versioned schema (version 3).
 *
 * <pre>{@code
 * JdbcSpendLedger ledger = JdbcSpendLedger.builder(dataSource).clock(clock).currency(Money.BRL).build();
 * ledger.createSchema();            // or the journey store's createSchema(): the same tables
 * Budget budget = Budget.builder(costs).ledger(ledger)...build();
 * }</pre>
 *
 * <p>Each entry is a row of {@code spend_entries} (its fields in columns, money as {@code numeric}
 * with its scale); its id is {@code "spend-"} and the row's identity, unique across instances.
 * {@code spend_totals} keeps a running total per cap scope (account, cadence and day, cadence and
 * month, day). {@link #reserve} is one transaction: it locks the claim's four total rows
 * ({@code SELECT … FOR UPDATE}, always in the order scope, key1, key2, so two reservations never
 * wait on each other in a cycle), checks every cap against them, inserts the entry and adds the
 * estimate. Settling an entry locks its row, then the same totals in the same order, and adds the
 * difference. A global daily total is one row every reservation of the day locks for its
 * transaction: reservations are serialised through it, a few milliseconds each.
 *
 * <p>Entries are kept for good, as in {@code InMemorySpendLedger} (the account totals count
 * every entry of the account). Several ledgers in different currencies may share the tables: each
 * reads and counts only its own currency's rows.
 *
 * <p>Thread-safe: every call takes a connection from the data source and returns it.
 */
public final class JdbcSpendLedger implements SpendLedger {

    private static final Pattern ENTRY_ID = Pattern.compile("spend-([1-9][0-9]{0,18})");
    private static final String COLUMNS = "id, customer_id, subject_key, cadence_id, run, step_id, channel, contact_key,"
            + " at, at_nanos, day, currency, estimated, actual, status, note";
    /** What a row counts against caps. */
    private static final String COUNTED = "CASE status WHEN 'BOOKED' THEN actual WHEN 'RELEASED' THEN 0 ELSE estimated END";

    private final DataSource dataSource;
    private final Currency currency;
    private final JdbcJourneyStore schemaOwner;
    private final String entriesTable;
    private final String totalsTable;
    private final String lockTotalsSql;
    private final String createTotalsSql;
    private final String addToTotalsSql;

    private JdbcSpendLedger(Builder b) {
        this.dataSource = b.settings.dataSource;
        this.currency = b.currency;
        this.schemaOwner = b.settings.store();
        this.entriesTable = schemaOwner.table("spend_entries");
        this.totalsTable = schemaOwner.table("spend_totals");
        String fourKeys = " WHERE currency = ? AND (scope, key1, key2) IN ((?, ?, ?), (?, ?, ?), (?, ?, ?), (?, ?, ?))";
        this.lockTotalsSql = "SELECT scope, amount FROM " + totalsTable + fourKeys + " ORDER BY scope, key1, key2 FOR UPDATE";
        this.createTotalsSql = "INSERT INTO " + totalsTable + " (currency, scope, key1, key2)"
                + " VALUES (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?) ON CONFLICT DO NOTHING";
        this.addToTotalsSql = "UPDATE " + totalsTable + " SET amount = amount + ?" + fourKeys;
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

    /** The qualified names of the ledger's tables: entries, then totals. */
    public List<String> tables() {
        return List.of(entriesTable, totalsTable);
    }

    @Override
    public Currency currency() {
        return currency;
    }

    // ------------------------------------------------------------------ reserving and settling

    @Override
    public Optional<SpendEntry> reserve(SpendClaim claim) {
        Objects.requireNonNull(claim, "claim");
        requireCurrency(claim.estimate(), "claim " + claim.contactKey() + " estimate");
        List<Total> totals = totals(claim.journey(), claim.day());
        String what = "reserve " + claim.estimate() + " for " + claim.contactKey();
        // The four rows exist before the transaction locks them; created in one order by every instance.
        JdbcSupport.withConnection(dataSource, what, totalsTable, c -> {
            try (PreparedStatement p = c.prepareStatement(createTotalsSql)) {
                int i = 1;
                for (Total t : totals) {
                    p.setString(i++, currency.getCurrencyCode());
                    p.setString(i++, t.scope().name());
                    p.setString(i++, t.key1());
                    p.setString(i++, t.key2());
                }
                p.executeUpdate();
            }
            return null;
        });
        return JdbcSupport.inTransaction(dataSource, what, entriesTable, c -> {
            Map<SpendCap.Scope, BigDecimal> counted = lockTotals(c, totals);
            for (SpendCap cap : claim.caps()) {
                if (counted.get(cap.scope()).add(claim.estimate().amount()).compareTo(cap.limit().amount()) > 0) {
                    return Optional.empty();
                }
            }
            long id;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + entriesTable + " (customer_id, subject_key, cadence_id,"
                    + " run, step_id, channel, contact_key, at, at_nanos, day, currency, estimated, actual, status, note)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'RESERVED', '') RETURNING id")) {
                JourneyId j = claim.journey();
                p.setString(1, j.customerId());
                p.setString(2, j.subjectKey());
                p.setString(3, j.cadenceId());
                p.setInt(4, j.run());
                p.setString(5, claim.stepId());
                p.setString(6, claim.channel().name());
                p.setString(7, claim.contactKey());
                JdbcSupport.setInstant(p, 8, claim.at());
                p.setObject(10, claim.day());
                p.setString(11, currency.getCurrencyCode());
                p.setBigDecimal(12, claim.estimate().amount());
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    id = r.getLong(1);
                }
            }
            addToTotals(c, totals, claim.estimate().amount());
            return Optional.of(new SpendEntry("spend-" + id, claim.journey(), claim.stepId(), claim.channel(), claim.contactKey(),
                    claim.at(), claim.day(), claim.estimate(), Money.zero(currency), SpendEntry.Status.RESERVED, ""));
        });
    }

    @Override
    public SpendEntry book(String entryId, Money actual, String note) {
        Objects.requireNonNull(actual, "actual");
        requireCurrency(actual, "entry " + entryId + " actual cost");
        if (actual.amount().signum() < 0) {
            throw new IllegalArgumentException("entry " + entryId + " actual cost must not be negative, but was " + actual);
        }
        return settle(entryId, SpendEntry.Status.BOOKED, actual, note);
    }

    @Override
    public SpendEntry markUncertain(String entryId, String note) {
        return settle(entryId, SpendEntry.Status.UNCERTAIN, null, note);
    }

    @Override
    public SpendEntry release(String entryId, String note) {
        return settle(entryId, SpendEntry.Status.RELEASED, null, note);
    }

    private SpendEntry settle(String entryId, SpendEntry.Status to, Money actual, String note) {
        long id = rowId(entryId);
        return JdbcSupport.inTransaction(dataSource, "settle spend entry " + entryId + " as " + to, entriesTable, c -> {
            SpendEntry was;
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM " + entriesTable
                    + " WHERE id = ? AND currency = ? FOR UPDATE")) {
                p.setLong(1, id);
                p.setString(2, currency.getCurrencyCode());
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalArgumentException("spend ledger has no entry '" + entryId + "'");
                    }
                    was = decode(r);
                }
            }
            boolean allowed = to == SpendEntry.Status.UNCERTAIN ? was.status() == SpendEntry.Status.RESERVED : was.isOpen();
            if (!allowed) {
                throw new IllegalStateException("spend entry " + entryId + " is " + was.status() + " and cannot become " + to);
            }
            SpendEntry now = new SpendEntry(was.id(), was.journey(), was.stepId(), was.channel(), was.contactKey(), was.at(),
                    was.day(), was.estimated(), actual != null ? actual : Money.zero(currency), to, note);
            try (PreparedStatement p = c.prepareStatement("UPDATE " + entriesTable + " SET status = ?, actual = ?, note = ? WHERE id = ?")) {
                p.setString(1, to.name());
                p.setBigDecimal(2, now.actual().amount());
                p.setString(3, now.note());
                p.setLong(4, id);
                p.executeUpdate();
            }
            BigDecimal delta = now.counted().amount().subtract(was.counted().amount());
            if (delta.signum() != 0) {
                List<Total> totals = totals(was.journey(), was.day());
                lockTotals(c, totals);
                addToTotals(c, totals, delta);
            }
            return now;
        });
    }

    /** The four running totals an entry counts in, one per cap scope. */
    private static List<Total> totals(JourneyId journey, LocalDate day) {
        List<Total> out = new ArrayList<>(4);
        for (SpendCap.Scope scope : SpendCap.Scope.values()) {
            out.add(switch (scope) {
                case ACCOUNT -> new Total(scope, journey.customerId(), journey.subjectKey());
                case CADENCE_DAY -> new Total(scope, journey.cadenceId(), day.toString());
                case CADENCE_MONTH -> new Total(scope, journey.cadenceId(), YearMonth.from(day).toString());
                case GLOBAL_DAY -> new Total(scope, day.toString(), "");
            });
        }
        out.sort(Comparator.comparing((Total t) -> t.scope().name()).thenComparing(Total::key1).thenComparing(Total::key2));
        return out;
    }

    /** Locks the four totals (they exist) in the order scope, key1, key2, and returns what each counts. */
    private Map<SpendCap.Scope, BigDecimal> lockTotals(Connection c, List<Total> totals) throws SQLException {
        Map<SpendCap.Scope, BigDecimal> counted = new EnumMap<>(SpendCap.Scope.class);
        try (PreparedStatement p = c.prepareStatement(lockTotalsSql)) {
            bindTotals(p, 1, totals);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    counted.put(SpendCap.Scope.valueOf(r.getString(1)), r.getBigDecimal(2));
                }
            }
        }
        if (counted.size() != totals.size()) {
            throw new JdbcStoreException("table " + totalsTable + " lacks running totals of " + totals + " in "
                    + currency.getCurrencyCode() + " (found " + counted.keySet() + ")", null);
        }
        return counted;
    }

    private void addToTotals(Connection c, List<Total> totals, BigDecimal delta) throws SQLException {
        if (delta.signum() == 0) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(addToTotalsSql)) {
            p.setBigDecimal(1, delta);
            bindTotals(p, 2, totals);
            p.executeUpdate();
        }
    }

    private void bindTotals(PreparedStatement p, int from, List<Total> totals) throws SQLException {
        int i = from;
        p.setString(i++, currency.getCurrencyCode());
        for (Total t : totals) {
            p.setString(i++, t.scope().name());
            p.setString(i++, t.key1());
            p.setString(i++, t.key2());
        }
    }

    /** A running total's key. */
    private record Total(SpendCap.Scope scope, String key1, String key2) {
        @Override
        public String toString() {
            return scope + "(" + key1 + (key2.isEmpty() ? "" : ", " + key2) + ")";
        }
    }

    // ------------------------------------------------------------------ queries

    @Override
    public Optional<SpendEntry> open(String contactKey) {
        Objects.requireNonNull(contactKey, "contactKey");
        List<SpendEntry> found = select("find the open entry of " + contactKey, " WHERE contact_key = ? AND currency = ?"
                + " AND status IN ('RESERVED', 'UNCERTAIN') ORDER BY id DESC LIMIT 1", List.of(contactKey, currency.getCurrencyCode()));
        return found.stream().findFirst();
    }

    @Override
    public Money spentByJourney(JourneyId journey) {
        Objects.requireNonNull(journey, "journey");
        BigDecimal sum = JdbcSupport.withConnection(dataSource, "sum the spend of journey " + journey, entriesTable, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT coalesce(sum(" + COUNTED + "), 0) FROM " + entriesTable
                    + " WHERE customer_id = ? AND subject_key = ? AND cadence_id = ? AND run = ? AND currency = ?")) {
                p.setString(1, journey.customerId());
                p.setString(2, journey.subjectKey());
                p.setString(3, journey.cadenceId());
                p.setInt(4, journey.run());
                p.setString(5, currency.getCurrencyCode());
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getBigDecimal(1);
                }
            }
        });
        return money(sum);
    }

    @Override
    public Money spentByAccount(String customerId, String subjectKey) {
        return total(new Total(SpendCap.Scope.ACCOUNT, customerId, subjectKey));
    }

    @Override
    public Money spentByCadence(String cadenceId, LocalDate day) {
        return total(new Total(SpendCap.Scope.CADENCE_DAY, cadenceId, day.toString()));
    }

    @Override
    public Money spentByCadenceInMonth(String cadenceId, YearMonth month) {
        return total(new Total(SpendCap.Scope.CADENCE_MONTH, cadenceId, month.toString()));
    }

    @Override
    public Money spentOn(LocalDate day) {
        return total(new Total(SpendCap.Scope.GLOBAL_DAY, day.toString(), ""));
    }

    private Money total(Total key) {
        Objects.requireNonNull(key.key1(), "key");
        Objects.requireNonNull(key.key2(), "key");
        BigDecimal amount = JdbcSupport.withConnection(dataSource, "read the spend of " + key, totalsTable, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT amount FROM " + totalsTable
                    + " WHERE currency = ? AND scope = ? AND key1 = ? AND key2 = ?")) {
                p.setString(1, currency.getCurrencyCode());
                p.setString(2, key.scope().name());
                p.setString(3, key.key1());
                p.setString(4, key.key2());
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getBigDecimal(1) : BigDecimal.ZERO;
                }
            }
        });
        return money(amount);
    }

    /** An amount in the ledger's currency, exact, shown with at least two decimals. */
    private Money money(BigDecimal amount) {
        BigDecimal plain = amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
        return new Money(plain.scale() < 2 ? plain.setScale(2) : plain, currency);
    }

    @Override
    public List<SpendEntry> entries(SpendQuery query) {
        Objects.requireNonNull(query, "query");
        StringBuilder where = new StringBuilder(" WHERE currency = ?");
        List<Object> values = new ArrayList<>();
        values.add(currency.getCurrencyCode());
        if (query.customerId() != null) {
            where.append(" AND customer_id = ?");
            values.add(query.customerId());
        }
        if (query.subjectKey() != null) {
            where.append(" AND subject_key = ?");
            values.add(query.subjectKey());
        }
        if (query.journey() != null) {
            where.append(" AND customer_id = ? AND subject_key = ? AND cadence_id = ? AND run = ?");
            values.add(query.journey().customerId());
            values.add(query.journey().subjectKey());
            values.add(query.journey().cadenceId());
            values.add(query.journey().run());
        }
        if (query.cadenceId() != null) {
            where.append(" AND cadence_id = ?");
            values.add(query.cadenceId());
        }
        if (query.from() != null) {
            where.append(" AND day >= ?");
            values.add(query.from());
        }
        if (query.to() != null) {
            where.append(" AND day <= ?");
            values.add(query.to());
        }
        if (query.status() != null) {
            where.append(" AND status = ?");
            values.add(query.status().name());
        }
        return select("list spend entries", where + " ORDER BY id", values);
    }

    private List<SpendEntry> select(String what, String where, List<Object> values) {
        return JdbcSupport.withConnection(dataSource, what, entriesTable, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM " + entriesTable + where)) {
                for (int i = 0; i < values.size(); i++) {
                    p.setObject(i + 1, values.get(i));
                }
                List<SpendEntry> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(decode(r));
                    }
                }
                return out;
            }
        });
    }

    /** A row of {@link #COLUMNS} (in the ledger's currency: every query asks for it) as an entry; one that is not names its id, the table and the column. */
    private SpendEntry decode(ResultSet r) throws SQLException {
        String id = "spend-" + r.getLong(1);
        JourneyId journey = new JourneyId(r.getString(2), r.getString(3), r.getString(4), r.getInt(5));
        Channel channel = enumValue(id, "channel", Channel.class, r.getString(7));
        Instant at = JdbcSupport.getInstant(r, 9);
        LocalDate day = r.getObject(11, LocalDate.class);
        SpendEntry.Status status = enumValue(id, "status", SpendEntry.Status.class, r.getString(15));
        try {
            return new SpendEntry(id, journey, r.getString(6), channel, r.getString(8), at, day,
                    new Money(r.getBigDecimal(13), currency), new Money(r.getBigDecimal(14), currency), status, r.getString(16));
        } catch (RuntimeException e) {
            throw new JdbcStoreException("spend entry " + id + " in table " + entriesTable + " cannot be read: " + e.getMessage(), e);
        }
    }

    private <E extends Enum<E>> E enumValue(String id, String column, Class<E> type, String value) {
        try {
            return Enum.valueOf(type, Objects.requireNonNull(value));
        } catch (RuntimeException e) {
            throw new JdbcStoreException("spend entry " + id + " in table " + entriesTable + " has an unknown " + column
                    + " '" + value + "'", e);
        }
    }

    /** The row id of an entry id this ledger handed out; anything else is no entry of it. */
    private static long rowId(String entryId) {
        Matcher m = entryId == null ? null : ENTRY_ID.matcher(entryId);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("spend ledger has no entry '" + entryId + "'");
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("spend ledger has no entry '" + entryId + "'", e);
        }
    }

    private void requireCurrency(Money money, String what) {
        if (!money.currency().equals(currency)) {
            throw new IllegalArgumentException(what + " is " + money + ", but the spend ledger is in " + currency.getCurrencyCode());
        }
    }

    @Override
    public String toString() {
        return "JdbcSpendLedger[" + entriesTable + ", " + currency.getCurrencyCode() + "]";
    }

    /**
     * Settings of a {@link JdbcSpendLedger}; {@link #build()} may be called more than once. Each
     * option may be set once.
     */
    public static final class Builder {
        private final JdbcSupport.Settings settings;
        private Currency currency;

        private Builder(DataSource dataSource) {
            this.settings = new JdbcSupport.Settings("spend ledger", dataSource);
        }

        /** The clock (required): the engine's. The ledger reads it only to stamp schema upgrades. */
        public Builder clock(InstantSource clock) {
            settings.clock(clock);
            return this;
        }

        /** The currency of every amount (required): the budget's cost table's. */
        public Builder currency(Currency currency) {
            Objects.requireNonNull(currency, "currency");
            if (this.currency != null) {
                throw new IllegalStateException("the spend ledger's currency was already set to " + this.currency
                        + "; cannot set it to " + currency);
            }
            this.currency = currency;
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
         * The ledger. Touches no database: call {@link JdbcSpendLedger#createSchema()} (or the journey
         * store's) to create the tables.
         *
         * @throws IllegalStateException if no clock or no currency was given
         */
        public JdbcSpendLedger build() {
            settings.requireClock();
            if (currency == null) {
                throw new IllegalStateException("the spend ledger needs a currency: call currency(...) with the cost table's");
            }
            return new JdbcSpendLedger(this);
        }
    }
}
