package io.cadencerules.store;

import io.cadencerules.channel.Channel;
import io.cadencerules.journey.JourneyId;

import java.util.Objects;

/**
 * A contact the engine is about to offer to a channel adapter, as the store's outbox records it
 * before the adapter is called ({@link JourneyStore#beginDispatches}).
 *
 * @param key     the contact's idempotency key (the same contact always has the same key)
 * @param journey the journey it belongs to
 * @param channel the channel it goes out on
 */
public record DispatchIntent(String key, JourneyId journey, Channel channel) {
    public DispatchIntent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(journey, "journey");
        Objects.requireNonNull(channel, "channel");
    }
}
