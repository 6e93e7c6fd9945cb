package io.cadencerules.channels.typed;

import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channels.sms.SmsText;

import java.util.Objects;

/**
 * A one-way SMS.
 *
 * @param source the engine's request
 * @param to     the phone number, E.164
 * @param text   the rendered text
 * @param sms    the text's encoding (GSM-7 or UCS-2) and segment count, which drives cost
 */
public record SmsRequest(ContactRequest source, String to, String text, SmsText sms) implements TypedRequest {

    /** Validates the fields; {@code sms} must describe {@code text}. */
    public SmsRequest {
        TypedRequest.requireChannel(source, Channel.SMS, "an SMS request");
        TypedRequest.requireText(to, "SMS destination", source);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sms, "sms");
    }

    /** An SMS of a rendered text to the request's address. */
    public static SmsRequest of(ContactRequest source, String text) {
        return new SmsRequest(source, source.address().value(), text, SmsText.of(text));
    }
}
