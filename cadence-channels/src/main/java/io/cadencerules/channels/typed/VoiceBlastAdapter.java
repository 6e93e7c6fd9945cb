package io.cadencerules.channels.typed;

import io.cadencerules.channel.DispatchResult;

import java.util.concurrent.CompletionStage;

/**
 * Sends voice blasts through a provider. Wrap it with {@link TypedChannels#voiceBlast(VoiceBlastAdapter)} to register it with the
 * engine. Must honour {@link TypedRequest#idempotencyKey()}: the same key may be offered again.
 */
@FunctionalInterface
public interface VoiceBlastAdapter {

    /**
     * Hands the request to the provider.
     *
     * @param request the text to speak or audio to play, with the caller ID
     * @return accepted with the provider's id, rejected with a reason, or failed (retryable or not)
     */
    CompletionStage<DispatchResult> send(VoiceBlastRequest request);
}
