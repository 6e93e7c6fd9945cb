package io.cadencerules.channels.address;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.cadencerules.channel.Channel;
import io.cadencerules.customer.ContactPoint;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Parses and validates phone numbers: E.164 and national formats through libphonenumber, and for
 * Brazil the area code (DDD) against the shipped {@link BrazilNumbering} table, which also gives
 * the state and time zone. Never throws for bad input: every problem comes back in a
 * {@link PhoneCheck} with a reason.
 *
 * <pre>{@code
 * PhoneCheck c = PhoneNumbers.standard().check("+55 20 98765-4321");
 * c.valid();     // false
 * c.message();   // phone '+55 20 98765-4321' has DDD 20, which does not exist
 * }</pre>
 */
public final class PhoneNumbers {

    private static final int BRAZIL = 55;
    private static final PhoneNumbers STANDARD = new PhoneNumbers(BrazilNumbering.standard(), "BR");

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final BrazilNumbering numbering;
    private final String defaultRegion;

    /**
     * A checker.
     *
     * @param numbering     the DDD table
     * @param defaultRegion ISO 3166 region for numbers written without {@code +} (e.g. "BR")
     */
    public PhoneNumbers(BrazilNumbering numbering, String defaultRegion) {
        this.numbering = Objects.requireNonNull(numbering, "numbering");
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("default region must be a region libphonenumber knows, such as BR, but was '"
                    + defaultRegion + "'");
        }
        this.defaultRegion = defaultRegion;
    }

    /** The checker with the shipped DDD table; numbers without {@code +} are read as Brazilian. */
    public static PhoneNumbers standard() {
        return STANDARD;
    }

    /** True for the channels that need a mobile line (SMS, two-way SMS, WhatsApp). */
    public static boolean needsMobile(Channel channel) {
        return channel == Channel.SMS || channel == Channel.TWO_WAY_SMS || channel == Channel.WHATSAPP;
    }

    /**
     * Checks a contact point for a channel: a landline fails for channels that {@link #needsMobile need a mobile}.
     *
     * @param point   a phone or WhatsApp contact point
     * @param channel the channel that would use it
     * @return the check
     */
    public PhoneCheck check(ContactPoint point, Channel channel) {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(channel, "channel");
        PhoneCheck check = check(point.value());
        if (check.valid() && needsMobile(channel) && !check.lineType().mayBeMobile()) {
            String what = check.lineType() == LineType.FIXED_LINE ? "is a landline" : "is not a mobile number";
            return check.withProblem(what + ", and " + channel + " needs a mobile");
        }
        return check;
    }

    /**
     * Checks a number written in E.164 ({@code +5511987654321}) or, for the default region, national
     * form ({@code (11) 98765-4321}). Spaces, dots, dashes and parentheses are allowed; letters are not
     * (libphonenumber would read them as keypad digits).
     *
     * @param text the number
     * @return the check, never null
     */
    public PhoneCheck check(String text) {
        if (text == null || text.isBlank()) {
            return PhoneCheck.invalid(text, "is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                return PhoneCheck.invalid(text, "contains the letter '" + c + "' at position " + (i + 1)
                        + ", and a phone number has digits only");
            }
            if (!(c >= '0' && c <= '9') && c != '+' && c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                return PhoneCheck.invalid(text, "contains the character '" + c + "' at position " + (i + 1)
                        + ", and a phone number has digits, +, spaces, dots, dashes and parentheses only");
            }
        }
        if (text.indexOf('+') > 0 || text.chars().filter(c -> c == '+').count() > 1) {
            return PhoneCheck.invalid(text, "has a '+' that is not at the start");
        }
        String digits = text.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return PhoneCheck.invalid(text, "has no digits");
        }
        boolean international = text.strip().startsWith("+");
        // Brazilian numbers are split by hand: libphonenumber strips what looks like a national or
        // carrier prefix (0, 90…), which would hide a wrong DDD such as 90.
        if (international && digits.startsWith("55")) {
            return checkBrazilian(text, digits.substring(2));
        }
        if (!international && defaultRegion.equals("BR")) {
            return checkBrazilian(text, domestic(digits));
        }
        PhoneNumber number;
        try {
            number = util.parse(text, defaultRegion);
        } catch (NumberParseException e) {
            return PhoneCheck.invalid(text, describe(e.getErrorType()));
        }
        String national = util.getNationalSignificantNumber(number);
        if (number.getCountryCode() == BRAZIL) {
            return checkBrazilian(text, national);
        }
        String e164 = "+" + number.getCountryCode() + national;
        if (!util.isValidNumber(number)) {
            String region = util.getRegionCodeForCountryCode(number.getCountryCode());
            return new PhoneCheck(text, false, "is not a valid number for country code +" + number.getCountryCode()
                    + ("ZZ".equals(region) ? ", which is not assigned" : " (" + region + ")"), e164,
                    number.getCountryCode(), 0, "", List.of(), LineType.UNKNOWN);
        }
        return new PhoneCheck(text, true, "", e164, number.getCountryCode(), 0, "", List.of(), lineType(number));
    }

    /** The national significant number of a number dialled inside Brazil: without the trunk 0, a carrier code, or 55. */
    private static String domestic(String digits) {
        if (digits.startsWith("0")) {
            String rest = digits.substring(1);
            return rest.length() >= 12 ? rest.substring(2) : rest; // 0 + carrier code (2 digits) + DDD + number
        }
        if (digits.startsWith("55") && digits.length() >= 12) {
            return digits.substring(2);
        }
        return digits;
    }

    private PhoneCheck checkBrazilian(String text, String national) {
        String e164 = "+55" + national;
        if (national.length() < 2) {
            return new PhoneCheck(text, false, "is too short: " + national.length() + " digit(s) after +55, and a Brazilian number"
                    + " has 10 (landline) or 11 (mobile)", e164, BRAZIL, 0, "", List.of(), LineType.UNKNOWN);
        }
        int ddd = Integer.parseInt(national.substring(0, 2));
        Optional<DddEntry> entry = numbering.ddd(ddd);
        if (entry.isEmpty()) {
            return new PhoneCheck(text, false, "has DDD " + national.substring(0, 2) + ", which does not exist", e164, BRAZIL,
                    0, "", List.of(), LineType.UNKNOWN);
        }
        DddEntry row = entry.get();
        if (national.length() < 10) {
            return new PhoneCheck(text, false, "is too short: " + national.length() + " digits after +55, and a Brazilian number"
                    + " has 10 (DDD + 8-digit landline) or 11 (DDD + 9-digit mobile)", e164, BRAZIL, ddd, row.uf(),
                    row.zones(), LineType.UNKNOWN);
        }
        if (national.length() > 11) {
            return new PhoneCheck(text, false, "is too long: " + national.length() + " digits after +55, and a Brazilian number"
                    + " has 10 (DDD + 8-digit landline) or 11 (DDD + 9-digit mobile)", e164, BRAZIL, ddd, row.uf(),
                    row.zones(), LineType.UNKNOWN);
        }
        PhoneNumber number = new PhoneNumber().setCountryCode(BRAZIL).setNationalNumber(Long.parseLong(national));
        if (!util.isValidNumber(number)) {
            String why = national.length() == 11
                    ? "is not a valid Brazilian mobile: after the DDD a mobile has 9 digits starting with 9"
                    : "is not a valid Brazilian landline: after the DDD a landline has 8 digits starting with 2 to 5";
            return new PhoneCheck(text, false, why, e164, BRAZIL, ddd, row.uf(), row.zones(), LineType.UNKNOWN);
        }
        return new PhoneCheck(text, true, "", e164, BRAZIL, ddd, row.uf(), row.zones(), lineType(number));
    }

    private LineType lineType(PhoneNumber number) {
        return switch (util.getNumberType(number)) {
            case MOBILE -> LineType.MOBILE;
            case FIXED_LINE -> LineType.FIXED_LINE;
            case FIXED_LINE_OR_MOBILE -> LineType.FIXED_LINE_OR_MOBILE;
            case UNKNOWN -> LineType.UNKNOWN;
            default -> LineType.OTHER;
        };
    }

    private static String describe(NumberParseException.ErrorType type) {
        return switch (type) {
            case INVALID_COUNTRY_CODE -> "has no valid country code (write it as +55…)";
            case NOT_A_NUMBER -> "is not a phone number";
            case TOO_SHORT_AFTER_IDD -> "is too short after the international prefix";
            case TOO_SHORT_NSN -> "is too short";
            case TOO_LONG -> "is too long";
        };
    }

    @Override
    public String toString() {
        return "PhoneNumbers[defaultRegion=" + defaultRegion.toUpperCase(Locale.ROOT) + ", " + numbering.ddds().size() + " DDDs]";
    }
}
