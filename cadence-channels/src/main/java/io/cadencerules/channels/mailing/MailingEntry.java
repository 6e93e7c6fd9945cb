package io.cadencerules.channels.mailing;

import io.cadencerules.customer.Money;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the agents' list.
 *
 * @param customerId    the customer
 * @param name          the customer's name
 * @param phone         the first phone, masked or full ({@link PhoneDisplay})
 * @param subjectKey    the invoice, lead or appointment
 * @param cadenceId     the cadence the interest came from
 * @param amount        the subject's value, or null
 * @param daysPastDue   days past due on the export date for a debt, or null
 * @param interest      why the customer is on the list (the strongest signal)
 * @param interestDetail what the signal was: the queue, the reply text, the link
 * @param interestAt    when the signal was recorded
 * @param lastContacts  the last contacts sent, oldest first: {@code 10/03/2026 09:00 SMS d0-sms; …}
 */
public record MailingEntry(String customerId, String name, String phone, String subjectKey, String cadenceId, Money amount,
                           Long daysPastDue, Interest interest, String interestDetail, Instant interestAt,
                           String lastContacts) {

    /** Validates the fields. */
    public MailingEntry {
        Objects.requireNonNull(customerId, "customerId");
        name = name == null ? "" : name;
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(subjectKey, "subjectKey");
        Objects.requireNonNull(cadenceId, "cadenceId");
        Objects.requireNonNull(interest, "interest");
        interestDetail = interestDetail == null ? "" : interestDetail;
        Objects.requireNonNull(interestAt, "interestAt");
        lastContacts = lastContacts == null ? "" : lastContacts;
    }
}
