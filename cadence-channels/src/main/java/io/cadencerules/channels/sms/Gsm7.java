package io.cadencerules.channels.sms;

/**
 * The GSM 03.38 default alphabet and its extension table (3GPP TS 23.038 §6.2.1), as Unicode.
 * The national language shift tables (including the Portuguese one, which has ç, ã, õ, á…) are
 * not used: Brazilian operators do not commonly support them, so such texts go out as UCS-2.
 */
final class Gsm7 {

    /** The 128 characters of the basic set, indexed by their 7-bit code; 0x1B (escape) is not a character. */
    static final String BASIC =
            "@£$¥èéùìòÇ\nØø\rÅå"
            + "Δ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ"
            + " !\"#¤%&'()*+,-./"
            + "0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNO"
            + "PQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmno"
            + "pqrstuvwxyzäöñüà";

    /** Characters of the extension table, each sent as escape + code (2 septets). */
    static final String EXTENSION = "\f^{}\\[~]|€";

    private Gsm7() {
    }

    static boolean isBasic(char c) {
        return c != '\u001b' && BASIC.indexOf(c) >= 0;
    }

    static boolean isExtension(char c) {
        return EXTENSION.indexOf(c) >= 0;
    }

    /** True when every character of the text is in the basic set or the extension table. */
    static boolean fits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isBasic(c) && !isExtension(c)) {
                return false;
            }
        }
        return true;
    }

    /** Length in septets; the text must {@link #fits fit}. */
    static int septets(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += isExtension(text.charAt(i)) ? 2 : 1;
        }
        return n;
    }

    /** Parts of a concatenated message; an escape pair is never split across two parts. */
    static int segments(String text) {
        if (septets(text) <= SmsEncoding.GSM_7.singleLimit()) {
            return 1;
        }
        int limit = SmsEncoding.GSM_7.partLimit();
        int parts = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int width = isExtension(text.charAt(i)) ? 2 : 1;
            if (used + width > limit) {
                parts++;
                used = 0;
            }
            used += width;
        }
        return parts;
    }
}
