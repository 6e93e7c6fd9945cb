package io.cadencerules.channels.limits;

import io.cadencerules.channel.ChannelAdapter;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Protects a provider: at most {@code ratePerSecond} requests per second (a token bucket holding up
 * to {@code burst} tokens) and at most {@code maxInFlight} requests waiting for the provider's answer.
 * A request over either limit is not sent: the adapter answers {@link DispatchResult.Deferred} with
 * the instant a token frees up (or {@code retryDelay} for the in-flight cap), and the engine decides
 * the step again then, with the same idempotency key. Time comes from the injected clock.
 *
 * <pre>{@code
 * ChannelAdapter sms = LimitedAdapter.wrap(gateway, clock).name("sms-gateway").ratePerSecond(50).maxInFlight(20).build();
 * }</pre>
 */
public final class LimitedAdapter implements ChannelAdapter {

    private final ChannelAdapter delegate;
    private final InstantSource clock;
    private final String name;
    private final double ratePerSecond;
    private final double burst;
    private final int maxInFlight;
    private final Duration retryDelay;
    private final Duration inFlightTimeout;

    private double tokens;
    private Instant refilledAt;
    /** Start of each request waiting for an answer; a slot frees on the answer or after {@link #inFlightTimeout}. */
    private final java.util.Map<Object, Instant> inFlight = new java.util.IdentityHashMap<>();

    private LimitedAdapter(Builder b) {
        this.delegate = b.delegate;
        this.clock = b.clock;
        this.name = b.name;
        this.ratePerSecond = b.ratePerSecond;
        this.burst = b.burst > 0 ? b.burst : Math.max(1, b.ratePerSecond);
        this.maxInFlight = b.maxInFlight;
        this.retryDelay = b.retryDelay;
        this.inFlightTimeout = b.inFlightTimeout;
        this.tokens = this.burst;
    }

    /** Starts wrapping a provider adapter. */
    public static Builder wrap(ChannelAdapter delegate, InstantSource clock) {
        return new Builder(delegate, clock);
    }

    @Override
    public CompletionStage<DispatchResult> dispatch(ContactRequest request) {
        Instant now = clock.instant();
        Object slot = new Object();
        synchronized (this) {
            inFlight.values().removeIf(start -> !start.plus(inFlightTimeout).isAfter(now)); // answers that never came
            if (inFlight.size() >= maxInFlight) {
                return CompletableFuture.completedFuture(DispatchResult.deferred(now.plus(retryDelay),
                        name + ": " + inFlight.size() + " requests in flight, the limit is " + maxInFlight));
            }
            if (ratePerSecond > 0) {
                refill(now);
                if (tokens < 1) {
                    long waitNanos = (long) Math.ceil((1 - tokens) / ratePerSecond * 1_000_000_000L);
                    return CompletableFuture.completedFuture(DispatchResult.deferred(now.plusNanos(waitNanos),
                            name + ": rate limit of " + format(ratePerSecond) + " per second"));
                }
                tokens -= 1;
            }
            inFlight.put(slot, now);
        }
        CompletionStage<DispatchResult> answer;
        try {
            answer = delegate.dispatch(request);
        } catch (RuntimeException e) {
            release(slot);
            return CompletableFuture.completedFuture(DispatchResult.unknown(name + ": the adapter threw " + e));
        }
        if (answer == null) {
            release(slot);
            return CompletableFuture.completedFuture(DispatchResult.unknown(name + ": the adapter returned no answer"));
        }
        return answer.whenComplete((result, error) -> release(slot));
    }

    private synchronized void release(Object slot) {
        inFlight.remove(slot);
    }

    private void refill(Instant now) {
        if (refilledAt == null) {
            refilledAt = now;
            return;
        }
        if (now.isAfter(refilledAt)) {
            double seconds = Duration.between(refilledAt, now).toNanos() / 1e9;
            tokens = Math.min(burst, tokens + seconds * ratePerSecond);
            refilledAt = now;
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** Configures a {@link LimitedAdapter}; without limits set it passes everything through. */
    public static final class Builder {
        private final ChannelAdapter delegate;
        private final InstantSource clock;
        private String name = "provider";
        private double ratePerSecond;
        private double burst;
        private int maxInFlight = Integer.MAX_VALUE;
        private Duration retryDelay = Duration.ofSeconds(1);
        private Duration inFlightTimeout = Duration.ofSeconds(60);

        private Builder(ChannelAdapter delegate, InstantSource clock) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** The provider's name in deferral reasons. */
        public Builder name(String providerName) {
            if (providerName == null || providerName.isBlank()) {
                throw new IllegalArgumentException("provider name must not be blank, but was '" + providerName + "'");
            }
            this.name = providerName;
            return this;
        }

        /** Requests per second (positive); the burst defaults to one second's worth. */
        public Builder ratePerSecond(double rate) {
            if (!(rate > 0)) {
                throw new IllegalArgumentException("rate per second must be positive, but was " + rate);
            }
            this.ratePerSecond = rate;
            return this;
        }

        /** Tokens the bucket holds (requests that may go at once after a quiet spell), at least 1. */
        public Builder burst(double tokens) {
            if (!(tokens >= 1)) {
                throw new IllegalArgumentException("burst must be at least 1, but was " + tokens);
            }
            this.burst = tokens;
            return this;
        }

        /** Requests waiting for the provider's answer at once, at least 1. */
        public Builder maxInFlight(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max in flight must be at least 1, but was " + max);
            }
            this.maxInFlight = max;
            return this;
        }

        /** When a request over the in-flight cap is decided again; default 1 s. */
        public Builder retryDelay(Duration delay) {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("retry delay must be positive, but was " + delay);
            }
            this.retryDelay = delay;
            return this;
        }

        /**
         * After this long without an answer a request no longer holds an in-flight slot (the engine has
         * given up on it after its dispatch timeout); default 60 s.
         */
        public Builder inFlightTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("in-flight timeout must be positive, but was " + timeout);
            }
            this.inFlightTimeout = timeout;
            return this;
        }

        /** The limited adapter. */
        public LimitedAdapter build() {
            return new LimitedAdapter(this);
        }
    }
}
