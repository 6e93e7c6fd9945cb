package io.cadencerules.customer;

import java.util.Objects;

/**
 * One way of reaching a customer: a phone number, an e-mail address or a WhatsApp number.
 *
 * <p>Phones and WhatsApp numbers are kept as given in E.164 form ({@code +5511987654321});
 * full validation against numbering plans belongs to the channels module, so an invalid number
 * makes a step skip with a reason instead of failing enrolment.
 *
 * @param type  what kind of address this is
 * @param value the address
 */
public record ContactPoint(Type type, String value) {

    private static final java.util.regex.Pattern E164 = java.util.regex.Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+");

    /** True for a number in E.164 form: '+', then 7 to 15 digits, the first not 0. */
    public static boolean isE164(String number) {
        return number != null && E164.matcher(number).matches();
    }

    /** Kinds of contact point. */
    public enum Type { PHONE, EMAIL, WHATSAPP }

    public ContactPoint {
        Objects.requireNonNull(type, "type");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("contact point of type " + type + " must have a value, but was '" + value + "'");
        }
        value = value.strip();
        if ((type == Type.PHONE || type == Type.WHATSAPP) && !isE164(value)) {
            throw new IllegalArgumentException(
                    type.name().toLowerCase(java.util.Locale.ROOT) + " number must be in E.164 form (+ and 7 to 15 digits), but was '" + value + "'");
        }
        if (type == Type.EMAIL && !EMAIL.matcher(value).matches()) {
            throw new IllegalArgumentException("e-mail address must contain one '@', but was '" + value + "'");
        }
    }

    /** A phone number in E.164 form. */
    public static ContactPoint phone(String e164) {
        return new ContactPoint(Type.PHONE, e164);
    }

    /** An e-mail address. */
    public static ContactPoint email(String address) {
        return new ContactPoint(Type.EMAIL, address);
    }

    /** A WhatsApp number in E.164 form. */
    public static ContactPoint whatsapp(String e164) {
        return new ContactPoint(Type.WHATSAPP, e164);
    }
}
