package io.cadencerules.policy;

import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.JourneyId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One contact's line in a {@link SpendLedger}: reserved with its estimate before the contact goes
 * out, then booked at its actual cost, kept at the estimate while its outcome is unknown, or released.
 *
 * @param id         the ledger's id for it
 * @param journey    the journey
 * @param stepId     the step
 * @param channel    the channel
 * @param contactKey identifies the contact (see {@link SpendClaim#contactKey()})
 * @param at         engine time of the reservation
 * @param day        the budget's day it counts on
 * @param estimated  the estimated cost, reserved
 * @param actual     the booked cost (the provider's, else the estimate) when {@link Status#BOOKED}; zero otherwise
 * @param status     where it stands
 * @param note       how it was settled: {@code "accepted"}, {@code "provider cost"},
 *                   {@code "provider-rejected: …"}, {@code "outcome-unknown: …"}, {@code "not-sent: …"}; empty while reserved
 */
public record SpendEntry(String id, JourneyId journey, String stepId, Channel channel, String contactKey, Instant at,
                         LocalDate day, Money estimated, Money actual, Status status, String note) {

    public SpendEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(journey, "journey");
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(contactKey, "contactKey");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(estimated, "estimated");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(status, "status");
        note = note == null ? "" : note;
        if (!actual.currency().equals(estimated.currency())) {
            throw new IllegalArgumentException("spend entry " + id + " estimate " + estimated + " and actual " + actual
                    + " are in different currencies");
        }
    }

    /** Where a ledger entry stands. */
    public enum Status {
        /** Held at the estimate: the contact is on its way. */
        RESERVED,
        /** Spent: counted at the actual cost. */
        BOOKED,
        /**
         * The provider's answer was unknown (the request may have gone out): counted at the estimate,
         * and settled by the re-offer of the same contact.
         */
        UNCERTAIN,
        /** Returned: the contact did not go out; counts nothing. */
        RELEASED
    }

    /** The cadence. */
    public String cadenceId() {
        return journey.cadenceId();
    }

    /** What the entry counts against caps: the estimate while reserved or uncertain, the actual cost once booked, else zero. */
    public Money counted() {
        return switch (status) {
            case RESERVED, UNCERTAIN -> estimated;
            case BOOKED -> actual;
            case RELEASED -> Money.zero(estimated.currency());
        };
    }

    /** True while the contact's money is held at its estimate (reserved or uncertain). */
    public boolean isOpen() {
        return status == Status.RESERVED || status == Status.UNCERTAIN;
    }

    @Override
    public String toString() {
        return id + " " + journey + " " + stepId + " via " + channel + " " + status + " estimated " + estimated
                + (status == Status.BOOKED ? " actual " + actual : "") + (note.isEmpty() ? "" : " (" + note + ")");
    }
}
