package io.cadencerules.channels.typed;

import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;

import java.util.Optional;

/**
 * A voice blast (torpedo de voz): a call that plays a message, without interaction.
 *
 * @param source   the engine's request
 * @param to       the phone number, E.164
 * @param ttsText  the text to speak (rendered template), or empty when an audio file is played
 * @param audioRef the audio to play (the step's {@code audio} variable: a URL or a provider's media
 *                 id), or empty for text-to-speech
 * @param callerId the number shown to the customer, E.164
 */
public record VoiceBlastRequest(ContactRequest source, String to, String ttsText, String audioRef, String callerId)
        implements TypedRequest {

    /** Validates the fields: exactly one of text and audio. */
    public VoiceBlastRequest {
        TypedRequest.requireChannel(source, Channel.VOICE_BLAST, "a voice blast request");
        TypedRequest.requireText(to, "voice blast destination", source);
        TypedRequest.requireText(callerId, "voice blast caller ID", source);
        ttsText = ttsText == null ? "" : ttsText;
        audioRef = audioRef == null ? "" : audioRef;
        if (ttsText.isBlank() == audioRef.isBlank()) {
            throw new IllegalArgumentException("voice blast request '" + source.idempotencyKey()
                    + "' needs exactly one of a TTS text and an audio reference, but had text '" + ttsText
                    + "' and audio '" + audioRef + "'");
        }
    }

    /** The audio reference, when an audio file is played. */
    public Optional<String> audio() {
        return audioRef.isEmpty() ? Optional.empty() : Optional.of(audioRef);
    }
}
