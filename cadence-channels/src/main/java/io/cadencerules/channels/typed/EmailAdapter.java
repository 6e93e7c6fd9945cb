package io.cadencerules.channels.typed;

import io.cadencerules.channel.DispatchResult;

import java.util.concurrent.CompletionStage;

/**
 * Sends e-mails through a provider. Wrap it with {@link TypedChannels#email(EmailAdapter)} to register it with the
 * engine. Must honour {@link TypedRequest#idempotencyKey()}: the same key may be offered again.
 */
@FunctionalInterface
public interface EmailAdapter {

    /**
     * Hands the request to the provider.
     *
     * @param request the e-mail, rendered, links tracked
     * @return accepted with the provider's id, rejected with a reason, or failed (retryable or not)
     */
    CompletionStage<DispatchResult> send(EmailRequest request);
}
