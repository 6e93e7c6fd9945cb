package io.cadencerules.channel;

import java.util.concurrent.CompletionStage;

/**
 * The bridge between a decision and a provider (an SMS gateway, an e-mail service, a dialer, an
 * agent queue). Implementations must honour {@link ContactRequest#idempotencyKey()}: the engine
 * may offer the same request again after a crash, and a provider that de-duplicates on the key
 * never double-sends.
 *
 * <p>Outcomes that come later (delivered, read, replied, key pressed, answered…) reach the engine
 * as events through {@code CadenceEngine.handle}.
 */
@FunctionalInterface
public interface ChannelAdapter {

    /**
     * Hands a contact to the provider.
     *
     * @param request what to send, to whom, with its idempotency key
     * @return the provider's answer: accepted, rejected, or failed (retryable or not)
     */
    CompletionStage<DispatchResult> dispatch(ContactRequest request);
}
