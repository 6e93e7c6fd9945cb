package io.cadencerules.rules;

import io.cadencerules.customer.Appointment;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Lead;
import io.cadencerules.customer.Money;
import io.cadencerules.customer.Subject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The subject as rules see it, on the customer's local date {@code today}: {@code kind} is "debt",
 * "lead", "appointment" or the generic subject's kind; {@code daysPastDue} is negative before the
 * due date and 0 for subjects without one.
 */
public final class SubjectFact {

    private final Subject subject;
    private final LocalDate today;

    /** Wraps a subject as of a local date. */
    public SubjectFact(Subject subject, LocalDate today) {
        this.subject = subject;
        this.today = today;
    }

    public Subject getSubject() {
        return subject;
    }

    public String getKey() {
        return subject.key();
    }

    public String getKind() {
        if (subject instanceof Debt) {
            return "debt";
        } else if (subject instanceof Lead) {
            return "lead";
        } else if (subject instanceof Appointment) {
            return "appointment";
        }
        return ((io.cadencerules.customer.GenericSubject) subject).kind();
    }

    /** The amount at stake (debt balance, deal value), or zero. */
    public BigDecimal getAmount() {
        return subject.value().map(Money::amount).orElse(BigDecimal.ZERO);
    }

    public String getCurrency() {
        return subject.value().map(m -> m.currency().getCurrencyCode()).orElse("");
    }

    public LocalDate getDueDate() {
        return subject.dueDate().orElse(null);
    }

    public long getDaysPastDue() {
        return subject.dueDate().map(d -> ChronoUnit.DAYS.between(d, today)).orElse(0L);
    }

    /** Debt type or lead product, else empty. */
    public String getType() {
        if (subject instanceof Debt debt) {
            return debt.type();
        }
        return subject instanceof Lead lead ? lead.product() : "";
    }

    @Override
    public String toString() {
        return "Subject " + subject.key();
    }
}
