package io.cadencerules.engine;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.ChannelAction;
import io.cadencerules.cadence.Step;
import io.cadencerules.customer.ContactPoint;
import io.cadencerules.customer.Customer;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyId;
import io.cadencerules.journey.Reasons;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link DecisionStage} sees about one candidate contact: the journey, its cadence and
 * step, the action about to be sent, the customer, and the engine's now.
 *
 * @param journey  the journey as stored
 * @param cadence  its cadence version
 * @param step     the step being decided
 * @param action   the action about to be sent (the step's, a fallback, or a stage's override)
 * @param address  the contact point the action would go to, if the customer has one
 * @param customer the customer
 * @param attempt  the attempt number
 * @param handOff  true when this is a hand-off to an agent triggered by a response branch
 * @param now      the engine's clock
 */
public record StepContext(Journey journey, Cadence cadence, Step step, ChannelAction action,
                          Optional<ContactPoint> address, Customer customer, int attempt, boolean handOff,
                          Instant now) {

    public StepContext {
        Objects.requireNonNull(journey, "journey");
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(now, "now");
    }

    /** Now in the journey's (the customer's) zone. */
    public ZonedDateTime localNow() {
        return now.atZone(journey.zone());
    }

    /** Days from day zero to today in the customer's zone (negative before it), or 0 before the anchor is known. */
    public long dayOfCadence() {
        return journey.anchorDate()
                .map(anchor -> java.time.temporal.ChronoUnit.DAYS.between(anchor, localNow().toLocalDate()))
                .orElse(0L);
    }

    /**
     * The idempotency key this contact goes out with ({@code journey/step/visit/route/attempt}): a stage
     * that keeps its own record of contacts (a spend ledger) keys it by this.
     */
    public String idempotencyKey() {
        return idempotencyKey(journey.id(), step.id(), visit(journey, step.id(), handOff), action, handOff, attempt);
    }

    /** 1 + the contacts already sent for this step (hand-offs counted apart from the step's own). */
    static int visit(Journey journey, String stepId, boolean handOff) {
        int sent = 0;
        for (HistoryEntry e : journey.history()) {
            if (e.kind() == HistoryEntry.Kind.SENT && stepId.equals(e.stepId()) && Reasons.BRANCH.equals(e.reason()) == handOff) {
                sent++;
            }
        }
        return sent + 1;
    }

    /**
     * The idempotency key of a contact: journey, step, visit (a step sent again after a goTo, a
     * reaction firing twice, a second hand-off), channel (or agent queue), attempt.
     */
    static String idempotencyKey(JourneyId id, String stepId, int visit, ChannelAction action, boolean handOff, int attempt) {
        String route = handOff ? "AGENT:" + action.queue() : action.channel().name();
        return id + "/" + stepId + "/" + visit + "/" + route + "/" + attempt;
    }

    /** The same context with another action and address. */
    public StepContext withAction(ChannelAction other, Optional<ContactPoint> otherAddress) {
        return new StepContext(journey, cadence, step, other, otherAddress, customer, attempt, handOff, now);
    }
}
