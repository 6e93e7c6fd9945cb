package io.cadencerules.policy;

import io.cadencerules.customer.Money;
import io.cadencerules.journey.JourneyId;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@link Budget} books what contacts cost: one {@link SpendEntry} per contact, reserved at its
 * estimate before it goes out and settled after. Caps are enforced here, at reservation, atomically:
 * however many threads, engines or journeys of one customer reserve at once, the money counted in a
 * cap's scope never exceeds it.
 *
 * <p>"Spent" in the queries is what counts against caps: booked actual costs plus the estimates of
 * contacts still reserved or uncertain; released entries count nothing. Amounts are in
 * {@link #currency()}; an empty scope is zero.
 *
 * <p>Implementations: {@link InMemorySpendLedger}, one per engine instance, and
 * {@code io.cadencerules.store.jdbc.JdbcSpendLedger}, shared by every instance on a PostgreSQL database
 * (a transaction per {@code reserve}). Each implementation's test extends
 * {@code io.cadencerules.testkit.SpendLedgerContract}.
 */
public interface SpendLedger {

    /** The currency of every amount in this ledger. */
    Currency currency();

    /**
     * Reserves a claim's estimate if it fits every one of its caps (counted + estimate ≤ limit),
     * checking and reserving atomically.
     *
     * @return the new {@link SpendEntry.Status#RESERVED} entry, or empty when a cap would be exceeded
     * @throws IllegalArgumentException if the claim is in another currency
     */
    Optional<SpendEntry> reserve(SpendClaim claim);

    /**
     * Books a reserved or uncertain entry at its actual cost.
     *
     * @return the booked entry
     * @throws IllegalArgumentException if there is no such entry or {@code actual} is negative or in another currency
     * @throws IllegalStateException    if the entry is already booked or released
     */
    SpendEntry book(String entryId, Money actual, String note);

    /**
     * Keeps a reserved entry counted at its estimate because the contact's outcome is unknown; the
     * re-offer of the same contact settles it.
     *
     * @return the uncertain entry
     * @throws IllegalArgumentException if there is no such entry
     * @throws IllegalStateException    if the entry is not reserved
     */
    SpendEntry markUncertain(String entryId, String note);

    /**
     * Releases a reserved or uncertain entry: the contact did not go out.
     *
     * @return the released entry
     * @throws IllegalArgumentException if there is no such entry
     * @throws IllegalStateException    if the entry is already booked or released
     */
    SpendEntry release(String entryId, String note);

    /** The latest entry of a contact that still holds its estimate (reserved or uncertain), if any. */
    Optional<SpendEntry> open(String contactKey);

    /** Spent by one journey. */
    Money spentByJourney(JourneyId journey);

    /** Spent on one account: a customer's subject (the debt or deal), over every cadence and run. */
    Money spentByAccount(String customerId, String subjectKey);

    /** Spent by one cadence on one day (the budget's day). */
    Money spentByCadence(String cadenceId, LocalDate day);

    /** Spent by one cadence in one month. */
    Money spentByCadenceInMonth(String cadenceId, YearMonth month);

    /** Spent by all cadences on one day. */
    Money spentOn(LocalDate day);

    /** The entries a query matches, in reservation order. */
    List<SpendEntry> entries(SpendQuery query);

    /** Spent in a cap's scope, for a claim: the amount the cap is checked against. */
    default Money spent(SpendCap.Scope scope, SpendClaim claim) {
        return switch (scope) {
            case ACCOUNT -> spentByAccount(claim.journey().customerId(), claim.journey().subjectKey());
            case CADENCE_DAY -> spentByCadence(claim.journey().cadenceId(), claim.day());
            case CADENCE_MONTH -> spentByCadenceInMonth(claim.journey().cadenceId(), claim.month());
            case GLOBAL_DAY -> spentOn(claim.day());
        };
    }
}
