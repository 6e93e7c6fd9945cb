package io.cadencerules.examples.bench;

import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ChannelAdapter;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A no-op channel adapter for benchmarks: accepts every contact with a fresh provider id
 * ({@code p-1}, {@code p-2}…), counts the contacts per channel and keeps nothing else. Not
 * thread-safe: the benchmarks dispatch from one thread.
 */
final class CountingAdapter implements ChannelAdapter {

    private final long[] perChannel = new long[Channel.values().length];
    private long sent;

    @Override
    public CompletionStage<DispatchResult> dispatch(ContactRequest request) {
        sent++;
        perChannel[request.channel().ordinal()]++;
        return CompletableFuture.completedFuture(DispatchResult.accepted("p-" + sent));
    }

    /** Contacts dispatched so far. */
    long sent() {
        return sent;
    }

    /** Contacts dispatched so far on a channel. */
    long sent(Channel channel) {
        return perChannel[channel.ordinal()];
    }
}
