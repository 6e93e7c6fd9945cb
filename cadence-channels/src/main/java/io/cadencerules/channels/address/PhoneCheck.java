package io.cadencerules.channels.address;

import java.time.ZoneId;
import java.util.List;

/**
 * The result of checking a phone number.
 *
 * @param input       the text checked, as given
 * @param valid       true when the number can be used (for the channel, when one was given)
 * @param problem     why not, without the number (e.g. "has DDD 20, which does not exist"), or empty
 * @param e164        the number in E.164 form ({@code +5511987654321}) when it could be parsed, else empty
 * @param countryCode the country calling code (55 for Brazil), or 0 when unknown
 * @param ddd         the Brazilian area code, or 0 (not Brazilian, or no valid DDD)
 * @param uf          the state of the DDD, or empty
 * @param zones       the time zones of the DDD, primary first, or empty
 * @param lineType    mobile, landline…
 */
public record PhoneCheck(String input, boolean valid, String problem, String e164, int countryCode, int ddd, String uf,
                         List<ZoneId> zones, LineType lineType) {

    /** Normalises empty fields. */
    public PhoneCheck {
        input = input == null ? "" : input;
        problem = problem == null ? "" : problem;
        e164 = e164 == null ? "" : e164;
        uf = uf == null ? "" : uf;
        zones = List.copyOf(zones == null ? List.of() : zones);
        lineType = lineType == null ? LineType.UNKNOWN : lineType;
        if (valid != problem.isEmpty()) {
            throw new IllegalArgumentException("phone '" + input + "' check must have a problem exactly when invalid, but was valid="
                    + valid + " problem='" + problem + "'");
        }
    }

    static PhoneCheck invalid(String input, String problem) {
        return new PhoneCheck(input, false, problem, "", 0, 0, "", List.of(), LineType.UNKNOWN);
    }

    PhoneCheck withProblem(String why) {
        return new PhoneCheck(input, false, why, e164, countryCode, ddd, uf, zones, lineType);
    }

    /** {@code phone '<input>' <problem>}, or {@code phone '<input>' is valid}. */
    public String message() {
        return "phone '" + input + "' " + (valid ? "is valid" : problem);
    }

    /** Like {@link #message()} with the number masked, for logs and history: {@code phone +55 20 9****-4321 has DDD 20…}. */
    public String maskedMessage() {
        return "phone " + Masking.phone(e164.isEmpty() ? input : e164) + " " + (valid ? "is valid" : problem);
    }

    /** True for a valid Brazilian number. */
    public boolean isBrazilian() {
        return countryCode == 55;
    }

    /** Throws unless valid. */
    public PhoneCheck requireValid() {
        if (!valid) {
            throw new IllegalArgumentException(message());
        }
        return this;
    }
}
