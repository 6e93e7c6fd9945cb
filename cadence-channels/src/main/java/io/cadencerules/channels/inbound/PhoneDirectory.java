package io.cadencerules.channels.inbound;

import java.util.List;

/**
 * Finds customers by phone number: the index the engine does not have. {@link PhoneIndex} is an
 * in-memory one the application feeds; a CRM query fits too.
 */
@FunctionalInterface
public interface PhoneDirectory {

    /**
     * The customers who have this number (a phone or WhatsApp contact point). A shared family
     * phone may give several.
     *
     * @param e164 the number in E.164 form, e.g. {@code +5511987654321}
     * @return customer ids, empty when none
     */
    List<String> customerIds(String e164);
}
