package io.cadencerules.engine;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Subject;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The first decision point: when a customer is enrolled, assign segments and a treatment path
 * (DRL classification rules, or any application logic).
 */
@FunctionalInterface
public interface EnrolmentClassifier {

    /** Classifies an enrolment happening at {@code now} for a customer in {@code zone}. */
    Classification classify(Customer customer, Subject subject, Cadence cadence, Instant now, ZoneId zone);
}
