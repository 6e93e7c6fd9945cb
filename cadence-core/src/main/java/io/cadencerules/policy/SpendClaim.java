package io.cadencerules.policy;

import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.JourneyId;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * A request to reserve money for one contact in a {@link SpendLedger}: granted only if it fits every
 * cap, checked and reserved atomically.
 *
 * @param journey    the journey the contact belongs to (its customer, subject and cadence)
 * @param stepId     the step
 * @param channel    the channel the contact goes out on
 * @param contactKey identifies the contact: the same contact offered again (after an unknown outcome)
 *                   has the same key; built like the engine's idempotency key
 * @param at         engine time of the reservation
 * @param day        the budget's day of {@code at} (in the budget's zone), which daily caps count on
 * @param estimate   the contact's estimated cost, not negative
 * @param caps       the caps it must fit, copied; each in the estimate's currency
 */
public record SpendClaim(JourneyId journey, String stepId, Channel channel, String contactKey, Instant at, LocalDate day,
                         Money estimate, List<SpendCap> caps) {

    public SpendClaim {
        Objects.requireNonNull(journey, "journey");
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(channel, "channel");
        if (contactKey == null || contactKey.isBlank()) {
            throw new IllegalArgumentException("spend claim of journey " + journey + " needs a contact key, but was '" + contactKey + "'");
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(estimate, "estimate");
        if (estimate.amount().signum() < 0) {
            throw new IllegalArgumentException("spend claim " + contactKey + " estimate must not be negative, but was " + estimate);
        }
        caps = List.copyOf(caps == null ? List.of() : caps);
        for (SpendCap cap : caps) {
            if (!cap.limit().currency().equals(estimate.currency())) {
                throw new IllegalArgumentException("spend claim " + contactKey + " is in " + estimate.currency().getCurrencyCode()
                        + " but its " + cap.scope() + " cap is " + cap.limit());
            }
        }
    }

    /** The month of {@link #day()}, which monthly caps count in. */
    public YearMonth month() {
        return YearMonth.from(day);
    }
}
