package io.cadencerules.channels.sms;

import io.cadencerules.customer.Money;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What an SMS text costs in the network: its encoding, its length in units and the number of
 * parts (segments) the operator bills.
 *
 * @param encoding GSM-7 when every character is in the GSM 03.38 default alphabet or its
 *                 extension table, else UCS-2
 * @param units    septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2
 * @param segments parts billed: 1 up to the single limit, else parts of the part limit (a GSM-7
 *                 escape pair or a UTF-16 surrogate pair is never split across two parts)
 */
public record SmsText(SmsEncoding encoding, int units, int segments) {

    /** Validates the numbers. */
    public SmsText {
        Objects.requireNonNull(encoding, "encoding");
        if (units < 0) {
            throw new IllegalArgumentException("SMS length must not be negative, but was " + units + " units");
        }
        if (segments < 1) {
            throw new IllegalArgumentException("an SMS has at least 1 segment, but was " + segments);
        }
    }

    /**
     * Analyses a text. An empty text is one (empty) segment.
     *
     * @param text the message as it will be sent
     * @return its encoding, length and segments
     */
    public static SmsText of(String text) {
        Objects.requireNonNull(text, "text");
        if (Gsm7.fits(text)) {
            return new SmsText(SmsEncoding.GSM_7, Gsm7.septets(text), Gsm7.segments(text));
        }
        return new SmsText(SmsEncoding.UCS_2, text.length(), ucs2Segments(text));
    }

    /**
     * The cost of sending this text once: segments × the provider's price per segment.
     *
     * @param perSegment price of one segment, e.g. {@code Money.brl("0.07")}
     * @return the cost, in the unit price's currency
     */
    public Money cost(Money perSegment) {
        Objects.requireNonNull(perSegment, "perSegment");
        if (perSegment.amount().signum() < 0) {
            throw new IllegalArgumentException("SMS price per segment must not be negative, but was " + perSegment);
        }
        return new Money(perSegment.amount().multiply(BigDecimal.valueOf(segments)), perSegment.currency());
    }

    /** True when the text needs more than one segment (a concatenated SMS). */
    public boolean isConcatenated() {
        return segments > 1;
    }

    private static int ucs2Segments(String text) {
        if (text.length() <= SmsEncoding.UCS_2.singleLimit()) {
            return 1;
        }
        int limit = SmsEncoding.UCS_2.partLimit();
        int parts = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int width = Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
            if (used + width > limit) {
                parts++;
                used = 0;
            }
            used += width;
            i += width;
        }
        return parts;
    }
}
