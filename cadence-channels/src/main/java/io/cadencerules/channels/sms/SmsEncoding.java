package io.cadencerules.channels.sms;

/** The two SMS data codings a text can go out in. */
public enum SmsEncoding {

    /**
     * The GSM 03.38 (3GPP TS 23.038) default alphabet, 7 bits per character: 160 characters in a
     * single SMS, 153 per part of a concatenated one. Characters of the extension table
     * ({@code € [ ] { } \ ~ ^ |} and form feed) take two.
     */
    GSM_7(160, 153),

    /**
     * UCS-2 (UTF-16 code units), used as soon as one character is outside GSM-7: 70 units in a
     * single SMS, 67 per part. Characters outside the Basic Multilingual Plane (emoji) take two.
     */
    UCS_2(70, 67);

    private final int single;
    private final int perPart;

    SmsEncoding(int single, int perPart) {
        this.single = single;
        this.perPart = perPart;
    }

    /** Units (septets for GSM-7, UTF-16 code units for UCS-2) that fit in a single, unsplit SMS. */
    public int singleLimit() {
        return single;
    }

    /** Units per part of a concatenated SMS (the rest of the 140 bytes holds the concatenation header). */
    public int partLimit() {
        return perPart;
    }
}
