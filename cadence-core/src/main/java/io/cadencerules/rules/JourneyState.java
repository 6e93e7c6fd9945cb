package io.cadencerules.rules;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.customer.Customer;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;

import java.time.Instant;
import java.util.Set;

/**
 * What a régua written as rules sees when the engine asks "what next?": the journey summary, the
 * customer, the subject, now, and which steps were already decided. Rules answer with a
 * {@link NextContact}.
 *
 * <pre>
 * rule "D0: SMS on the due date at 09:00"
 * when
 *     $j : JourneyState( !decided("d0-sms") )
 * then
 *     insert(new NextContact($j, "d0-sms", 0, "09:00"));
 * end
 * </pre>
 */
public final class JourneyState {

    private final Journey journey;
    private final JourneyFact summary;
    private final CustomerFact customer;
    private final SubjectFact subject;
    private final NowFact now;

    /** The state of a journey of a cadence for a customer, as of {@code now}. */
    public JourneyState(Journey journey, Cadence cadence, Customer customer, Instant now) {
        this.journey = journey;
        this.summary = new JourneyFact(journey, cadence, now);
        this.customer = new CustomerFact(customer);
        this.now = new NowFact(now, journey.zone());
        this.subject = new SubjectFact(journey.subject(), this.now.getDate());
    }

    /** True once the step was decided (sent, skipped, blocked or given up), so it is not planned again. */
    public boolean decided(String stepId) {
        for (HistoryEntry e : journey.history()) {
            if (stepId.equals(e.stepId()) && e.kind().isStepDecision() && e.kind() != HistoryEntry.Kind.DEFERRED) {
                return true;
            }
        }
        return false;
    }

    public JourneyFact getJourney() {
        return summary;
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

    /** The journey's segments (the customer's tags plus classification). */
    public Set<String> getSegments() {
        return journey.segments();
    }

    /** Days from day zero to today in the customer's zone. */
    public long getDay() {
        return summary.getDaysFromAnchor();
    }

    @Override
    public String toString() {
        return "JourneyState " + journey.id();
    }
}
