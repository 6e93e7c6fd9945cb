package io.cadencerules.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when told to. Thread-safe; time never goes backwards. */
public final class VirtualClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** A clock at {@code start}, in UTC. */
    public VirtualClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private VirtualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view of the same time line in another zone. */
    @Override
    public Clock withZone(ZoneId other) {
        return new VirtualClock(now, other);
    }

    /** Moves forward by {@code duration} (not negative). */
    public Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a virtual clock only moves forward, but was asked to move " + duration);
        }
        return now.updateAndGet(t -> t.plus(duration));
    }

    /** Moves to {@code instant}, which must not be before now. */
    public Instant set(Instant instant) {
        return now.updateAndGet(t -> {
            if (instant.isBefore(t)) {
                throw new IllegalArgumentException("a virtual clock only moves forward: " + instant + " is before " + t);
            }
            return instant;
        });
    }
}
