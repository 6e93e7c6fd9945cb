package io.cadencerules.channels.typed;

import io.cadencerules.channel.DispatchResult;

import java.util.concurrent.CompletionStage;

/**
 * Sends outbound IVR calls through a provider. Wrap it with {@link TypedChannels#outboundIvr(OutboundIvrAdapter)} to register it with the
 * engine. Must honour {@link TypedRequest#idempotencyKey()}: the same key may be offered again.
 */
@FunctionalInterface
public interface OutboundIvrAdapter {

    /**
     * Hands the request to the provider.
     *
     * @param request the prompt, the key menu and the caller ID
     * @return accepted with the provider's id, rejected with a reason, or failed (retryable or not)
     */
    CompletionStage<DispatchResult> send(OutboundIvrRequest request);
}
