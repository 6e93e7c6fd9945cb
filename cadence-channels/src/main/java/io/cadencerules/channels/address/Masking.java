package io.cadencerules.channels.address;

import io.cadencerules.customer.ContactPoint;

/**
 * Partial display of contact points for logs, histories and exports: enough to tell two numbers
 * apart and to talk to the customer about them, not enough to contact them.
 *
 * <ul>
 *   <li>Brazilian mobile {@code +5511987654321} → {@code +55 11 9****-4321}</li>
 *   <li>Brazilian landline {@code +551133334444} → {@code +55 11 ****-4444}</li>
 *   <li>other numbers keep the {@code +}, the first digit and the last four: {@code +14155552671} → {@code +1******2671}</li>
 *   <li>e-mail {@code ana.souza@example.com} → {@code a***@example.com} (the domain stays)</li>
 * </ul>
 */
public final class Masking {

    private Masking() {
    }

    /**
     * Masks a phone number; anything that is not digits, {@code +} and separators is masked entirely.
     *
     * @param phone a phone number, ideally E.164
     * @return the masked form
     */
    public static String phone(String phone) {
        if (phone == null || phone.isBlank()) {
            return "";
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() < 4 || !phone.strip().matches("\\+?[0-9 ().-]+")) {
            return "*".repeat(Math.max(3, Math.min(digits.length(), 12)));
        }
        boolean plus = phone.strip().startsWith("+");
        if (plus && digits.startsWith("55") && digits.length() >= 6) {
            String ddd = digits.substring(2, 4);
            String rest = digits.substring(4);
            return "+55 " + ddd + " " + maskLocal(rest);
        }
        int shown = digits.length() > 6 ? 4 : 2;
        String head = plus ? "+" + digits.charAt(0) : "";
        int from = plus ? 1 : 0;
        return head + "*".repeat(digits.length() - from - shown) + digits.substring(digits.length() - shown);
    }

    private static String maskLocal(String rest) {
        if (rest.length() == 9) {
            return rest.charAt(0) + "****-" + rest.substring(5);
        }
        if (rest.length() == 8) {
            return "****-" + rest.substring(4);
        }
        int shown = rest.length() > 4 ? 4 : Math.max(0, rest.length() - 2);
        return "*".repeat(rest.length() - shown) + rest.substring(rest.length() - shown);
    }

    /**
     * Masks an e-mail address: the first character of the local part, then {@code ***}, then the domain.
     *
     * @param email an e-mail address
     * @return the masked form, or {@code ***} when there is no {@code @}
     */
    public static String email(String email) {
        if (email == null || email.isBlank()) {
            return "";
        }
        String value = email.strip();
        int at = value.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return value.charAt(0) + "***" + value.substring(at);
    }

    /**
     * Masks a contact point according to its type.
     *
     * @param point a phone, WhatsApp or e-mail contact point
     * @return the masked value
     */
    public static String contactPoint(ContactPoint point) {
        return point.type() == ContactPoint.Type.EMAIL ? email(point.value()) : phone(point.value());
    }
}
