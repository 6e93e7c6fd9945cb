package io.cadencerules.simulation;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.customer.Subject;
import io.cadencerules.event.Event;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How simulated people enter cadences and what they do unprompted: enrolments, and events such as an
 * abandoned cart, an inbound call or a change of address, each at an instant of the run. Answers to
 * contacts are the {@link Behaviour}'s business, not the scenario's.
 *
 * <p>The default, {@link #enrolAtStart()}, enrols each person's subject in every cadence of their variant
 * when the run starts.
 */
@FunctionalInterface
public interface Scenario {

    /**
     * Plans what one person does on their own during the run.
     *
     * @param person   the person
     * @param cadences the cadences of the person's variant (champion or challenger)
     * @param plan     where to put enrolments and events
     * @param random   the person's own random source for the plan (draw only from it)
     */
    void plan(SimulatedCustomer person, List<Cadence> cadences, Plan plan, SplittableRandom random);

    /** Enrols each person's subject in every cadence of their variant at the start. */
    static Scenario enrolAtStart() {
        return (person, cadences, plan, random) -> {
            for (Cadence cadence : cadences) {
                plan.enrol(plan.start(), cadence, person.subject());
            }
        };
    }

    /** Where a scenario puts what a person does. Instants before the start are moved to the start. */
    interface Plan {

        /** The run's first instant. */
        Instant start();

        /** The run's last instant; anything planned after it never happens. */
        Instant end();

        /** Enrols the person in a cadence about a subject at an instant. */
        void enrol(Instant at, Cadence cadence, Subject subject);

        /** Sends an event about the person to the engine at its {@link Event#occurredAt()}. */
        void event(Event event);

        /**
         * An inbound interaction (a call to the IVR, a chat): the event goes to the engine at its time, the
         * engine's next-best-action offers are made, and the person takes the best one with its propensity
         * (times their responsiveness). Offers made and taken count in the report.
         */
        void inbound(Event event);

        /**
         * An inbound interaction whose best offer is followed up by a cadence: the event goes to the engine,
         * the engine's best next-best-action offer is counted as made, and the person is enrolled in
         * {@code followUp} about {@code subjectOf(offer)} (a lead worth the offer's value, say). The offer
         * counts as accepted when that journey converts.
         */
        void inbound(Event event, Cadence followUp, java.util.function.Function<io.cadencerules.engine.Proposal, Subject> subjectOf);

        /** A fresh event id, unique within the run. */
        String nextEventId();
    }
}
