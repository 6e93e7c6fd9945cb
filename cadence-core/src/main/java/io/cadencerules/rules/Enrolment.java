package io.cadencerules.rules;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Subject;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The fact classification rules see when a customer is enrolled: who, about what, into which
 * cadence, and when. Classification rules insert {@link Segment} and {@link TreatmentPath}.
 */
public final class Enrolment {

    private final CustomerFact customer;
    private final SubjectFact subject;
    private final Cadence cadence;
    private final NowFact now;

    /** An enrolment as of {@code now} in {@code zone}. */
    public Enrolment(Customer customer, Subject subject, Cadence cadence, Instant now, ZoneId zone) {
        this.now = new NowFact(now, zone);
        this.customer = new CustomerFact(customer);
        this.subject = new SubjectFact(subject, this.now.getDate());
        this.cadence = cadence;
    }

    public CustomerFact getCustomer() {
        return customer;
    }

    public SubjectFact getSubject() {
        return subject;
    }

    public NowFact getNow() {
        return now;
    }

    public String getCadenceId() {
        return cadence.id();
    }

    /** COLLECTION, SALES, RELATIONSHIP or a custom kind. */
    public String getKind() {
        return cadence.kind().name();
    }

    public String getPurpose() {
        return cadence.purpose().name();
    }

    @Override
    public String toString() {
        return "Enrolment " + customer.getId() + "/" + subject.getKey() + " in " + cadence.id();
    }
}
