package io.cadencerules.channels.webhook;

import java.time.Duration;

/**
 * Waits between retries. Injected so that tests and simulations do not really sleep.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for the duration.
     *
     * @param duration how long
     * @throws InterruptedException when the thread is interrupted
     */
    void sleep(Duration duration) throws InterruptedException;

    /** Sleeps the calling thread ({@link Thread#sleep(long)}). */
    static Sleeper threadSleep() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
