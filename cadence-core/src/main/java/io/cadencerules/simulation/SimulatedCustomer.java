package io.cadencerules.simulation;

import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Subject;

import java.util.Objects;

/**
 * One person of a simulated {@link Population}: the customer the engine sees, the subject of their main
 * journey, and the hidden traits the {@link Behaviour} uses to answer contacts.
 *
 * @param index            position in the population, from 0
 * @param customer         the customer as enrolled
 * @param subject          the debt, lead, appointment… of the person's main journey
 * @param phoneValid       false if the phone number looks right but reaches no one (the behaviour fails its deliveries)
 * @param emailValid       false if the e-mail address bounces
 * @param responsiveness   multiplier of the behaviour's answer and conversion rates, around 1
 * @param optOutPropensity multiplier of the behaviour's opt-out rate, around 1
 */
public record SimulatedCustomer(int index, Customer customer, Subject subject, boolean phoneValid, boolean emailValid,
                                double responsiveness, double optOutPropensity) {

    public SimulatedCustomer {
        if (index < 0) {
            throw new IllegalArgumentException("person index must not be negative, but was " + index);
        }
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subject, "subject");
        if (!(responsiveness >= 0) || !(optOutPropensity >= 0)) {
            throw new IllegalArgumentException("person " + customer.id() + " traits must not be negative, but were "
                    + responsiveness + " and " + optOutPropensity);
        }
    }

    /** The customer id. */
    public String id() {
        return customer.id();
    }
}
