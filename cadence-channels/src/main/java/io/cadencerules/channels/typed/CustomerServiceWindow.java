package io.cadencerules.channels.typed;

import io.cadencerules.channel.Channel;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * WhatsApp's customer-service window: free-form messages may be sent only within 24 hours of the
 * customer's last inbound message; outside it, only approved templates.
 *
 * <p>Computed from a journey's history: the last {@link HistoryEntry.Kind#EVENT} entry on
 * {@link Channel#WHATSAPP} whose reason is {@code reply-received} or {@code inbound-contact}, at or before
 * the time asked. The
 * entry's time is when the engine recorded the event, not when the customer wrote: a callback that
 * arrives late makes the window look later than it is, so {@link #of(Journey, Instant, Duration)}
 * takes a safety margin that shortens it.
 *
 * @param lastInbound when the last inbound WhatsApp message was recorded, or null when there is none
 * @param closesAt    when the window closes ({@code lastInbound} + 24 h − margin), or null
 * @param open        true when free text may be sent at the time asked
 */
public record CustomerServiceWindow(Instant lastInbound, Instant closesAt, boolean open) {

    /** The length of WhatsApp's customer-service window. */
    public static final Duration LENGTH = Duration.ofHours(24);

    private static final List<String> INBOUND = List.of("reply-received", "inbound-contact");

    /** Checks that a window without an inbound message is closed. */
    public CustomerServiceWindow {
        if (lastInbound == null && (closesAt != null || open)) {
            throw new IllegalArgumentException("a customer-service window without an inbound message must be closed, but closes at "
                    + closesAt + " and open was " + open);
        }
    }

    /** The window of a journey at a time, without safety margin. */
    public static CustomerServiceWindow of(Journey journey, Instant at) {
        return of(journey, at, Duration.ZERO);
    }

    /**
     * The window of a journey at a time.
     *
     * @param journey the journey (null: no history known, the window is closed)
     * @param at      when the message would be sent
     * @param margin  taken off the 24 h, against late-recorded events; zero or positive
     * @return the window
     */
    public static CustomerServiceWindow of(Journey journey, Instant at, Duration margin) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(margin, "margin");
        if (margin.isNegative() || margin.compareTo(LENGTH) >= 0) {
            throw new IllegalArgumentException("WhatsApp window margin must be from 0 to less than 24 h, but was " + margin);
        }
        Optional<Instant> last = journey == null ? Optional.empty() : lastInbound(journey, at);
        if (last.isEmpty()) {
            return new CustomerServiceWindow(null, null, false);
        }
        Instant closes = last.get().plus(LENGTH).minus(margin);
        return new CustomerServiceWindow(last.get(), closes, at.isBefore(closes));
    }

    /**
     * When the journey last recorded an inbound WhatsApp reply or contact, up to a time.
     *
     * @param journey the journey
     * @param upTo    entries after this time are ignored
     * @return the time of the entry, if any
     */
    public static Optional<Instant> lastInbound(Journey journey, Instant upTo) {
        List<HistoryEntry> history = journey.history();
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEntry e = history.get(i);
            if (!e.at().isAfter(upTo) && e.kind() == HistoryEntry.Kind.EVENT && e.channel() == Channel.WHATSAPP && INBOUND.contains(e.reason())) {
                return Optional.of(e.at());
            }
        }
        return Optional.empty();
    }

    /** When the window closes, if there was an inbound message. */
    public Optional<Instant> closes() {
        return Optional.ofNullable(closesAt);
    }
}
