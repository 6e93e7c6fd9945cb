package io.cadencerules.policy;

import io.cadencerules.journey.JourneyId;

import java.time.LocalDate;

/**
 * Which {@link SpendLedger} entries to list; every null part matches anything.
 * Start from {@link #all()} and narrow: {@code SpendQuery.all().cadence("late").on(day)}.
 *
 * @param customerId the customer
 * @param subjectKey the subject (with the customer: one account)
 * @param journey    one journey
 * @param cadenceId  one cadence
 * @param from       first day, inclusive
 * @param to         last day, inclusive
 * @param status     one status
 */
public record SpendQuery(String customerId, String subjectKey, JourneyId journey, String cadenceId, LocalDate from,
                         LocalDate to, SpendEntry.Status status) {

    public SpendQuery {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("spend query days must not end (" + to + ") before they start (" + from + ")");
        }
    }

    private static final SpendQuery ALL = new SpendQuery(null, null, null, null, null, null, null);

    /** Every entry. */
    public static SpendQuery all() {
        return ALL;
    }

    /** Only one account's entries (customer and subject, any cadence). */
    public SpendQuery account(String customer, String subject) {
        return new SpendQuery(customer, subject, journey, cadenceId, from, to, status);
    }

    /** Only one journey's entries. */
    public SpendQuery journey(JourneyId id) {
        return new SpendQuery(customerId, subjectKey, id, cadenceId, from, to, status);
    }

    /** Only one cadence's entries. */
    public SpendQuery cadence(String id) {
        return new SpendQuery(customerId, subjectKey, journey, id, from, to, status);
    }

    /** Only entries of one day. */
    public SpendQuery on(LocalDate day) {
        return new SpendQuery(customerId, subjectKey, journey, cadenceId, day, day, status);
    }

    /** Only entries of the days from {@code first} to {@code last}, inclusive. */
    public SpendQuery between(LocalDate first, LocalDate last) {
        return new SpendQuery(customerId, subjectKey, journey, cadenceId, first, last, status);
    }

    /** Only entries with a status. */
    public SpendQuery status(SpendEntry.Status only) {
        return new SpendQuery(customerId, subjectKey, journey, cadenceId, from, to, only);
    }

    /** True when the entry matches. */
    public boolean matches(SpendEntry entry) {
        return (customerId == null || customerId.equals(entry.journey().customerId()))
                && (subjectKey == null || subjectKey.equals(entry.journey().subjectKey()))
                && (journey == null || journey.equals(entry.journey()))
                && (cadenceId == null || cadenceId.equals(entry.cadenceId()))
                && (from == null || !entry.day().isBefore(from))
                && (to == null || !entry.day().isAfter(to))
                && (status == null || status == entry.status());
    }
}
