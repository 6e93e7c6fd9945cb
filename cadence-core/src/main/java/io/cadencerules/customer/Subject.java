package io.cadencerules.customer;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What a journey is about: a debt, a lead or cart, an appointment. A customer can have several
 * subjects (two invoices, one cart); events find journeys by customer id and {@link #key()}.
 */
public sealed interface Subject permits Debt, Lead, Appointment, GenericSubject {

    /** Key unique for the customer, e.g. the invoice number. */
    String key();

    /** The date a {@code DUE_DATE} anchor uses, when the subject has one. */
    Optional<LocalDate> dueDate();

    /** The amount at stake (debt balance, cart or deal value), when there is one. */
    Optional<Money> value();

    /** Checks a subject key: non-blank, no whitespace at the ends. */
    static String requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("subject key must not be blank, but was '" + key + "'");
        }
        return key.strip();
    }
}
