package io.cadencerules.engine;

import io.cadencerules.cadence.ChannelAction;
import io.cadencerules.customer.Money;
import io.cadencerules.journey.JourneyStatus;

import java.time.Instant;
import java.util.Objects;

/** A {@link DecisionStage}'s answer for one candidate contact. Every "no" carries a reason code. */
public sealed interface Verdict {

    /** The reason code of a "no"; {@code "proceed"} for a yes. */
    String reason();

    /**
     * Go on to the next stage; optionally with another action (channel override), a cost estimate, a
     * score for arbitration (added up over the stages; higher goes first among the customer's
     * candidates of equal cadence priority) and {@code shareWindow}: this contact may go out even if
     * another cadence contacts the customer in the same arbitration window.
     */
    record Proceed(ChannelAction override, Money estimatedCost, double score, boolean shareWindow) implements Verdict {

        /** Go on, with an optional override and cost estimate. */
        public Proceed(ChannelAction override, Money estimatedCost) {
            this(override, estimatedCost, 0, false);
        }

        @Override
        public String reason() {
            return "proceed";
        }
    }

    /** Do not send this step (it does not apply); the journey moves on to its next step. */
    record Skip(String reason, String detail) implements Verdict {
        public Skip {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * This channel cannot be used for this customer (an invalid number, no consent on it): the step
     * tries its next fallback channel, and moves on when there is none.
     */
    record SkipRoute(String reason, String detail) implements Verdict {
        public SkipRoute {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Not allowed (policy, budget); the journey moves on to its next step. */
    record Block(String reason, String detail) implements Verdict {
        public Block {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Not now: decide this step again at {@code until}. */
    record Defer(Instant until, String reason, String detail) implements Verdict {
        public Defer {
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** End the journey with a terminal status ({@code EXITED} or {@code SUPPRESSED}). */
    record Stop(JourneyStatus status, String reason, String detail) implements Verdict {
        public Stop {
            if (status != JourneyStatus.EXITED && status != JourneyStatus.SUPPRESSED) {
                throw new IllegalArgumentException("a stage may stop a journey as EXITED or SUPPRESSED, but not " + status);
            }
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Go on unchanged. */
    static Verdict proceed() {
        return PROCEED;
    }

    /** Go on with another action. */
    static Verdict proceedWith(ChannelAction override) {
        return new Proceed(Objects.requireNonNull(override, "override"), null);
    }

    /** Skip the step. */
    static Verdict skip(String reason, String detail) {
        return new Skip(reason, detail);
    }

    /** Skip this channel; the step's next fallback channel is tried. */
    static Verdict skipRoute(String reason, String detail) {
        return new SkipRoute(reason, detail);
    }

    /** Block the contact. */
    static Verdict block(String reason, String detail) {
        return new Block(reason, detail);
    }

    /** Decide again later. */
    static Verdict defer(Instant until, String reason, String detail) {
        return new Defer(until, reason, detail);
    }

    /** The shared unchanged proceed. */
    Verdict PROCEED = new Proceed(null, null);
}
