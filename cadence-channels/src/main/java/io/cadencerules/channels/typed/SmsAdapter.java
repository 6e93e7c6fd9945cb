package io.cadencerules.channels.typed;

import io.cadencerules.channel.DispatchResult;

import java.util.concurrent.CompletionStage;

/**
 * Sends one-way SMS through a provider. Wrap it with {@link TypedChannels#sms(SmsAdapter)} to register it with the
 * engine. Must honour {@link TypedRequest#idempotencyKey()}: the same key may be offered again.
 */
@FunctionalInterface
public interface SmsAdapter {

    /**
     * Hands the request to the provider.
     *
     * @param request the SMS, rendered, with its encoding and segments
     * @return accepted with the provider's id, rejected with a reason, or failed (retryable or not)
     */
    CompletionStage<DispatchResult> send(SmsRequest request);
}
