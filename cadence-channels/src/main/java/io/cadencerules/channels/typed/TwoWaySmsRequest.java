package io.cadencerules.channels.typed;

import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channels.sms.SmsText;

import java.util.List;
import java.util.Objects;

/**
 * A two-way ("interactive") SMS: the customer's reply comes back as a {@code ReplyReceived} event.
 *
 * @param source           the engine's request
 * @param to               the phone number, E.164
 * @param text             the rendered text
 * @param sms              the text's encoding and segment count
 * @param expectedKeywords the keywords of the step's reply branches, upper case, in branch order
 *                         (empty when the step has none or its cadence could not be found); a
 *                         provider may use them to route short replies, the engine matches them itself
 */
public record TwoWaySmsRequest(ContactRequest source, String to, String text, SmsText sms,
                               List<String> expectedKeywords) implements TypedRequest {

    /** Validates the fields and copies the keywords. */
    public TwoWaySmsRequest {
        TypedRequest.requireChannel(source, Channel.TWO_WAY_SMS, "a two-way SMS request");
        TypedRequest.requireText(to, "two-way SMS destination", source);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sms, "sms");
        expectedKeywords = List.copyOf(expectedKeywords == null ? List.of() : expectedKeywords);
    }
}
