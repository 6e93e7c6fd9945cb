package io.cadencerules.examples.bench;

import java.time.Instant;
import java.time.InstantSource;

/**
 * Wall-clock time for benchmarks that run against a database: a chosen start instant plus the
 * {@link System#nanoTime()} elapsed since the clock was made. The project never reads the system
 * clock in main code, and a benchmark does not need the date: it needs time that moves at the real
 * pace and that every side and the database rows agree on. Thread-safe.
 */
final class WallClock implements InstantSource {

    private final Instant start;
    private final long startNanos;

    private WallClock(Instant start) {
        this.start = start;
        this.startNanos = System.nanoTime();
    }

    /** A clock that reads {@code start} now and moves on at the real pace. */
    static WallClock startingAt(Instant start) {
        return new WallClock(start);
    }

    @Override
    public Instant instant() {
        return start.plusNanos(System.nanoTime() - startNanos);
    }

    /** Nanoseconds from {@code instant} to this clock's now (negative if it is in the future). */
    long nanosSince(Instant instant) {
        return (System.nanoTime() - startNanos) - (instant.getEpochSecond() - start.getEpochSecond()) * 1_000_000_000L
                - (instant.getNano() - start.getNano());
    }
}
