package io.cadencerules.testkit;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Subject;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.engine.EnrolResult;
import io.cadencerules.engine.EventReceipt;
import io.cadencerules.event.Event;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyKey;
import io.cadencerules.store.JourneyStore;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs cadences on a virtual clock for journey tests: enrol, advance time (every due step fires at
 * its exact due time), deliver events, and inspect what each channel received.
 *
 * <pre>{@code
 * CadenceHarness h = CadenceHarness.startingAt(Instant.parse("2026-03-01T12:00:00Z")).build();
 * h.enroll(customer, debt, cardLate);
 * h.advance(Duration.ofDays(3));
 * h.deliver(h.events().paid("c-1", "inv-9", Money.brl("500")));
 * assertThat(h.journey(customer, debt, cardLate)).hasStatus(CONVERTED);
 * }</pre>
 */
public final class CadenceHarness {

    private final VirtualClock clock;
    private final CadenceEngine engine;
    private final Map<Channel, RecordingChannel> channels;
    private final TestEvents events;

    private CadenceHarness(VirtualClock clock, CadenceEngine engine, Map<Channel, RecordingChannel> channels) {
        this.clock = clock;
        this.engine = engine;
        this.channels = channels;
        this.events = new TestEvents(clock);
    }

    /** A harness whose clock starts at {@code start}. */
    public static Builder startingAt(Instant start) {
        return new Builder(start);
    }

    /** A harness whose clock starts at a local date-time in a zone. */
    public static Builder startingAt(LocalDateTime start, ZoneId zone) {
        return new Builder(start.atZone(zone).toInstant());
    }

    /** The engine under test. */
    public CadenceEngine engine() {
        return engine;
    }

    /** The virtual clock. */
    public VirtualClock clock() {
        return clock;
    }

    /** Now. */
    public Instant now() {
        return clock.instant();
    }

    /** Event test-data builder stamped with the virtual clock. */
    public TestEvents events() {
        return events;
    }

    /** Enrols; returns the journey. */
    public Journey enroll(Customer customer, Subject subject, Cadence cadence) {
        EnrolResult result = engine.enroll(customer, subject, cadence);
        return result.journey();
    }

    /** Applies an event. */
    public EventReceipt deliver(Event event) {
        return engine.handle(event);
    }

    /**
     * Moves the clock forward by {@code duration}, stopping at every due time on the way so each step
     * runs at its own due time.
     */
    public void advance(Duration duration) {
        advanceTo(clock.instant().plus(duration));
    }

    /** Moves the clock to {@code target}, stopping at every due time on the way. */
    public void advanceTo(Instant target) {
        if (target.isBefore(clock.instant())) {
            throw new IllegalArgumentException("cannot advance back to " + target + " from " + clock.instant());
        }
        JourneyStore store = engine.store();
        engine.runDue();
        while (true) {
            Optional<Instant> next = store.nextDue();
            if (next.isEmpty() || next.get().isAfter(target)) {
                break;
            }
            if (next.get().isAfter(clock.instant())) {
                clock.set(next.get());
            }
            engine.runDue();
        }
        clock.set(target);
        engine.runDue();
    }

    /** Moves the clock to a local date-time in a zone. */
    public void advanceTo(LocalDateTime local, ZoneId zone) {
        advanceTo(local.atZone(zone).toInstant());
    }

    /** The recording adapter of a channel. */
    public RecordingChannel channel(Channel channel) {
        return Objects.requireNonNull(channels.get(channel), () -> "no recording adapter for " + channel);
    }

    /** Every accepted contact on every channel, in time order. */
    public List<ContactRequest> sent() {
        List<ContactRequest> all = new ArrayList<>();
        for (RecordingChannel channel : channels.values()) {
            all.addAll(channel.sent());
        }
        all.sort(Comparator.comparing(ContactRequest::requestedAt));
        return all;
    }

    /** Every accepted contact of one customer, in time order. */
    public List<ContactRequest> sentTo(String customerId) {
        return sent().stream().filter(r -> r.customer().id().equals(customerId)).toList();
    }

    /** Total duplicate offers (same idempotency key dispatched again) across channels. */
    public int duplicateOffers() {
        return channels.values().stream().mapToInt(RecordingChannel::duplicateOffers).sum();
    }

    /** The latest journey for a customer, subject and cadence. */
    public Journey journey(Customer customer, Subject subject, Cadence cadence) {
        JourneyKey key = new JourneyKey(customer.id(), subject.key(), cadence.id());
        return engine.journey(key).orElseThrow(() -> new AssertionError("no journey for " + key));
    }

    /** Configures a harness: every channel gets a {@link RecordingChannel}; the engine builder is open to changes. */
    public static final class Builder {
        private final Instant start;
        private final List<Consumer<CadenceEngine.Builder>> customizers = new ArrayList<>();

        private Builder(Instant start) {
            this.start = Objects.requireNonNull(start, "start");
        }

        /** Changes the engine builder (store, stages, zone, listeners…) before the harness builds it. */
        public Builder configure(Consumer<CadenceEngine.Builder> customizer) {
            customizers.add(Objects.requireNonNull(customizer, "customizer"));
            return this;
        }

        /** The harness. */
        public CadenceHarness build() {
            VirtualClock clock = new VirtualClock(start);
            Map<Channel, RecordingChannel> channels = new EnumMap<>(Channel.class);
            CadenceEngine.Builder builder = CadenceEngine.builder().clock(clock).instanceId("harness");
            for (Channel channel : Channel.values()) {
                RecordingChannel recording = new RecordingChannel();
                channels.put(channel, recording);
                builder.channel(channel, recording);
            }
            customizers.forEach(c -> c.accept(builder));
            return new CadenceHarness(clock, builder.build(), channels);
        }
    }
}
