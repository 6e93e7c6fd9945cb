package io.cadencerules.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cadencerules.channel.Channel;
import io.cadencerules.engine.CadenceEngine;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine instance that {@link KillTakeoverTest} starts in a JVM of its own and kills with
 * SIGKILL: it runs {@code runDue()} in a loop on real time (the database's clock plus this JVM's
 * {@code nanoTime}) with the engine's default lease, and an adapter that records every offer in the
 * database and takes {@code sleepMillis} per contact, so that it dies mid-batch holding leases. From
 * its {@code hangAt}-th offer on, the adapter records the offer and then does not answer (as a
 * provider call in flight): the child is killed with dispatches in doubt on each of its four
 * worker threads.
 *
 * <p>Arguments: JDBC URL, user, table prefix, instance id, adapter milliseconds per contact, batch
 * size, the offer from which the adapter hangs, the lease ({@code default} for the engine's default,
 * else an ISO-8601 duration).
 */
public final class KillTakeoverChild {

    private KillTakeoverChild() {
    }

    public static void main(String[] args) {
        String url = args[0];
        String user = args[1];
        String prefix = args[2];
        String instance = args[3];
        long sleepMillis = Long.parseLong(args[4]);
        int batchSize = Integer.parseInt(args[5]);
        long hangAt = Long.parseLong(args[6]);
        String lease = args[7];

        HikariConfig config = new HikariConfig();
        config.setPoolName(instance);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(6);
        HikariDataSource pool = new HikariDataSource(config);
        InstantSource clock = MultiInstance.realTime(pool);
        JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).tablePrefix(prefix).build();
        CadenceEngine.Builder builder = CadenceEngine.builder();
        if (!lease.equals("default")) {
            builder.lease(Duration.parse(lease));
        }
        CadenceEngine engine = builder.clock(clock).store(store).instanceId(instance)
                .channel(Channel.SMS, new KillTakeoverTest.HonouringAdapter(pool, prefix, instance, clock, sleepMillis, hangAt))
                .batchSize(batchSize).executor(Executors.newFixedThreadPool(4))
                .cadences(KillTakeoverTest.cadence()).build();
        System.out.println("child " + instance + " running at " + clock.instant());
        System.out.flush();
        while (true) {
            int n = engine.runDue();
            System.out.println("child " + instance + " processed " + n);
            System.out.flush();
            if (n == 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }
}
