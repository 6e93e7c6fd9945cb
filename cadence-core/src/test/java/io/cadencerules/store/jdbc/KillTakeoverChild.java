package io.cadencerules.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cadencerules.channel.Channel;
import io.cadencerules.engine.CadenceEngine;

import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine instance that {@link KillTakeoverTest} starts in a JVM of its own and kills with
 * SIGKILL: it runs {@code runDue()} in a loop on real time (the database's clock plus this JVM's
 * {@code nanoTime}) with the engine's default lease, and an adapter that records every offer in the
 * database and takes {@code sleepMillis} per contact, so that it dies mid-batch holding leases.
 *
 * <p>Arguments: JDBC URL, user, table prefix, instance id, adapter milliseconds per contact, batch size.
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

        HikariConfig config = new HikariConfig();
        config.setPoolName(instance);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(3);
        HikariDataSource pool = new HikariDataSource(config);
        InstantSource clock = MultiInstance.realTime(pool);
        JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).tablePrefix(prefix).build();
        CadenceEngine engine = CadenceEngine.builder().clock(clock).store(store).instanceId(instance)
                .channel(Channel.SMS, new KillTakeoverTest.HonouringAdapter(pool, prefix, instance, clock, sleepMillis, null))
                .batchSize(batchSize)
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
