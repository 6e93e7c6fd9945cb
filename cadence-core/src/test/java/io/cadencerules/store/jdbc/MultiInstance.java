package io.cadencerules.store.jdbc;

import io.cadencerules.cadence.Anchor;
import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ChannelAdapter;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.concurrent.locks.LockSupport;

import static io.cadencerules.event.EventType.PAYMENT_RECEIVED;

/**
 * What the multi-instance tests share: a portfolio written straight into the journeys table, an
 * adapter that records every offer per idempotency key, and reading every journey back.
 */
final class MultiInstance {

    static final ZoneId ZONE = ZoneId.of("America/Sao_Paulo");
    static final LocalDate DUE = LocalDate.of(2026, 3, 10);
    /** Step s1 of {@link #every} comes this long after enrolment. */
    static final Duration FIRST = Duration.ofSeconds(1);

    private MultiInstance() {
    }

    /** A bulk-loading pool and one pool per engine, on one database whose store tables (prefix) are created and empty. */
    record Pools(HikariDataSource loader, HikariDataSource a, HikariDataSource b) implements AutoCloseable {
        static Pools open(String name, String prefix, Instant at) {
            Pools pools = new Pools(TestDatabase.bulkPool(name + "-loader", 2), TestDatabase.pool(name + "-engine-a", 4),
                    TestDatabase.pool(name + "-engine-b", 4));
            JdbcJourneyStore.builder(pools.loader).clock(() -> at).tablePrefix(prefix).build().createSchema();
            TestDatabase.emptyStore(pools.loader, prefix);
            return pools;
        }

        @Override
        public void close() {
            a.close();
            b.close();
            loader.close();
        }
    }

    /**
     * A cadence anchored on enrolment: step {@code s1} (SMS) one second after enrolment, then one step
     * {@code gap} after the previous one, alternating e-mail and SMS; a full payment converts the
     * journey. Every step is a wait ({@code after}), so none goes stale at local midnight, whenever a
     * test runs.
     */
    static Cadence every(String id, int steps, Duration gap) {
        var b = Cadence.collection(id).anchoredOn(Anchor.ENROLMENT).horizon(2)
                .step("s1").after(FIRST).sms("s1");
        for (int s = 2; s <= steps; s++) {
            b.step("s" + s).after(gap);
            if (s % 2 == 0) {
                b.email("s" + s);
            } else {
                b.sms("s" + s);
            }
        }
        return b.exitOn(PAYMENT_RECEIVED).build();
    }

    /** The channel of step {@code s} of {@link #every}. */
    static Channel channelOf(int step) {
        return step % 2 == 1 ? Channel.SMS : Channel.EMAIL;
    }

    /** The idempotency key of step {@code s}'s first contact. */
    static String key(JourneyId id, int step) {
        return id + "/s" + step + "/1/" + channelOf(step).name() + "/1";
    }

    static Customer customer(int i) {
        return Customer.builder(customerId(i)).name("Debtor " + i).phone("+55119" + String.format("%08d", i))
                .email("d" + i + "@example.com").zone(ZONE).build();
    }

    static String customerId(int i) {
        return "c-" + i;
    }

    static Debt debt(int i) {
        return Debt.of("inv-" + i, Money.brl("100.00"), DUE);
    }

    /**
     * Enrols {@code count} customers in the cadence, customer {@code i} at {@code enrolledAt(i)} (through an engine on the
     * in-memory store, so the journeys are exactly what {@code enroll} makes) and copies journeys and
     * customers into the tables (COPY) on two connections at once: a portfolio in seconds.
     *
     * @return the journeys written, by index
     */
    static List<Journey> load(DataSource dataSource, String prefix, Cadence cadence, IntFunction<Instant> enrolledAt, int count) {
        AtomicReference<Instant> now = new AtomicReference<>(enrolledAt.apply(0));
        InstantSource clock = now::get;
        ChannelAdapter none = request -> {
            throw new IllegalStateException("the enroller sends nothing");
        };
        CadenceEngine enroller = CadenceEngine.builder().clock(clock).channel(Channel.SMS, none).channel(Channel.EMAIL, none)
                .cadences(cadence).build();
        List<Journey> journeys = new ArrayList<>(count);
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            now.set(enrolledAt.apply(i));
            journeys.add(enroller.enroll(customer(i), debt(i), cadence).journey());
        }
        long enrolled = System.nanoTime();
        int half = count / 2;
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> write(dataSource, prefix, journeys, 0, half));
        write(dataSource, prefix, journeys, half, count);
        first.join();
        System.out.printf(java.util.Locale.ROOT, "  loaded %,d journeys: enrolled in memory in %.1f s, written in %.1f s%n", count,
                (enrolled - started) / 1e9, (System.nanoTime() - enrolled) / 1e9);
        return journeys;
    }

    /** Writes journeys {@code from} to {@code to} and their customers with COPY, in one transaction. */
    private static void write(DataSource dataSource, String prefix, List<Journey> journeys, int from, int to) {
        StringBuilder rows = new StringBuilder(1 << 20);
        StringBuilder customers = new StringBuilder(1 << 18);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int i = from; i < to; i++) {
                Journey j = journeys.get(i);
                JourneyId id = j.id();
                rows.append(csv(id.customerId())).append(',').append(csv(id.subjectKey())).append(',').append(csv(id.cadenceId()))
                        .append(',').append(id.run()).append(',').append(j.status().name()).append(',').append(j.isLive())
                        .append(',').append(j.dueAt() == null ? "" : j.dueAt().toString()).append(',').append(j.version())
                        .append(',').append(csv(PayloadCodec.write(j))).append('\n');
                customers.append(csv(id.customerId())).append(',').append(csv(PayloadCodec.write(customer(i)))).append('\n');
                if ((i - from) % 5000 == 4999 || i == to - 1) {
                    copy.copyIn("COPY " + prefix + "journeys (customer_id, subject_key, cadence_id, run, status, live, due_at,"
                            + " version, payload) FROM STDIN WITH (FORMAT csv)", new StringReader(rows.toString()));
                    copy.copyIn("COPY " + prefix + "customers (id, payload) FROM STDIN WITH (FORMAT csv)",
                            new StringReader(customers.toString()));
                    rows.setLength(0);
                    customers.setLength(0);
                }
            }
            c.commit();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static String csv(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** Every journey of the table, read with the store's own codec. */
    static Map<JourneyId, Journey> readAll(DataSource dataSource, String prefix) {
        Map<JourneyId, Journey> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setFetchSize(5000);
            c.setAutoCommit(false);
            try (ResultSet r = s.executeQuery("SELECT payload::text, version FROM " + prefix + "journeys")) {
                while (r.next()) {
                    Journey j = PayloadCodec.readJourney(r.getString(1));
                    if (j.version() != r.getLong(2)) {
                        throw new IllegalStateException("journey " + j.id() + " has version " + j.version() + " in its payload but "
                                + r.getLong(2) + " in its row");
                    }
                    out.put(j.id(), j);
                }
            }
            c.commit();
        } catch (SQLException | PayloadCodec.PayloadException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    /**
     * Real time for tests that run engines in several processes: the database server's clock read
     * once, then moved on by this JVM's {@code System.nanoTime()}, so every process shares one time line
     * (to within a round trip) without reading the system clock.
     */
    static InstantSource realTime(DataSource dataSource) {
        Instant base;
        long at;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT clock_timestamp()")) {
            r.next();
            base = r.getObject(1, OffsetDateTime.class).toInstant();
            at = System.nanoTime();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return () -> base.plusNanos(System.nanoTime() - at);
    }

    static long count(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The idempotency keys of the contacts a journey's history records as sent, rebuilt the way the
     * engine builds them ({@code journey/step/visit/channel/attempt}, visit counting the step's sends).
     */
    static List<String> sentKeys(Journey journey) {
        List<String> keys = new ArrayList<>();
        Map<String, Integer> visits = new HashMap<>();
        for (HistoryEntry e : journey.history()) {
            if (e.kind() == HistoryEntry.Kind.SENT) {
                int visit = visits.merge(e.stepId(), 1, Integer::sum);
                keys.add(journey.id() + "/" + e.stepId() + "/" + visit + "/" + e.channel().name() + "/" + e.attempt());
            }
        }
        return keys;
    }

    /** The ids of the events a history records (its EVENT entries end with "event {id}"). */
    static List<String> eventIds(Journey journey) {
        List<String> ids = new ArrayList<>();
        for (HistoryEntry e : journey.history()) {
            if (e.kind() == HistoryEntry.Kind.EVENT) {
                int at = e.detail().lastIndexOf("event ");
                ids.add(at < 0 ? e.detail() : e.detail().substring(at + "event ".length()));
            }
        }
        return ids;
    }

    /** runDue() in a loop until stopped; polls again after a short pause when nothing was due. */
    static Thread runner(String name, CadenceEngine engine, AtomicLong processed, AtomicBoolean stop,
                                 AtomicReference<Throwable> failure) {
        return new Thread(() -> {
            try {
                while (!stop.get()) {
                    int n = engine.runDue();
                    processed.addAndGet(n);
                    if (n == 0) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, name);
    }

    /** One adapter call: which engine made it, for which journey, and in which order overall. */
    record Offer(String instance, JourneyId journey, long sequence, Instant requestedAt) {
    }

    /** Every offer of every engine, by idempotency key; each engine gets its own adapter over it. */
    static final class Ledger {
        final ConcurrentHashMap<String, ConcurrentLinkedQueue<Offer>> byKey = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, AtomicLong> byInstance = new ConcurrentHashMap<>();
        private final AtomicLong sequence = new AtomicLong();

        ChannelAdapter adapter(String instance) {
            AtomicLong mine = byInstance.computeIfAbsent(instance, k -> new AtomicLong());
            return request -> {
                long n = sequence.incrementAndGet();
                byKey.computeIfAbsent(request.idempotencyKey(), k -> new ConcurrentLinkedQueue<>())
                        .add(new Offer(instance, request.journeyId(), n, request.requestedAt()));
                mine.incrementAndGet();
                return CompletableFuture.completedFuture(DispatchResult.accepted("p-" + n));
            };
        }

        long calls() {
            return sequence.get();
        }

        /** Keys offered more than once, with their offers. */
        Map<String, List<Offer>> duplicates() {
            Map<String, List<Offer>> out = new HashMap<>();
            byKey.forEach((key, offers) -> {
                if (offers.size() > 1) {
                    out.put(key, List.copyOf(offers));
                }
            });
            return out;
        }
    }
}
