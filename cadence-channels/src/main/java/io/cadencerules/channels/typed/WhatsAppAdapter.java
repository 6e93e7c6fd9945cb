package io.cadencerules.channels.typed;

import io.cadencerules.channel.DispatchResult;

import java.util.concurrent.CompletionStage;

/**
 * Sends WhatsApp messages through a provider. Wrap it with {@link TypedChannels#whatsApp(WhatsAppAdapter)} to register it with the
 * engine. Must honour {@link TypedRequest#idempotencyKey()}: the same key may be offered again.
 */
@FunctionalInterface
public interface WhatsAppAdapter {

    /**
     * Hands the request to the provider.
     *
     * @param request an approved template with its parameters, or free text inside the window
     * @return accepted with the provider's id, rejected with a reason, or failed (retryable or not)
     */
    CompletionStage<DispatchResult> send(WhatsAppRequest request);
}
