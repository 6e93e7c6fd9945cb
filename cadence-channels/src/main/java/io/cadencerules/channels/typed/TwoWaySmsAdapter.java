package io.cadencerules.channels.typed;

import io.cadencerules.channel.DispatchResult;

import java.util.concurrent.CompletionStage;

/**
 * Sends two-way SMS through a provider. Wrap it with {@link TypedChannels#twoWaySms(TwoWaySmsAdapter)} to register it with the
 * engine. Must honour {@link TypedRequest#idempotencyKey()}: the same key may be offered again.
 */
@FunctionalInterface
public interface TwoWaySmsAdapter {

    /**
     * Hands the request to the provider.
     *
     * @param request the SMS, rendered, with the keywords the step's branches expect
     * @return accepted with the provider's id, rejected with a reason, or failed (retryable or not)
     */
    CompletionStage<DispatchResult> send(TwoWaySmsRequest request);
}
