package io.cadencerules.rules;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Subject;
import io.cadencerules.engine.Classification;
import io.cadencerules.engine.EnrolmentClassifier;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The first decision point: classification rules see an {@link Enrolment} and insert
 * {@link Segment}s and a {@link TreatmentPath}. With several paths, the first inserted wins (order
 * them with salience).
 */
public final class RulesClassifier implements EnrolmentClassifier {

    private final Supplier<RuleBook> book;

    /** A classifier over the rule book the supplier gives at each enrolment. */
    public RulesClassifier(Supplier<RuleBook> book) {
        this.book = Objects.requireNonNull(book, "book");
    }

    @Override
    public Classification classify(Customer customer, Subject subject, Cadence cadence, Instant now, ZoneId zone) {
        Enrolment fact = new Enrolment(customer, subject, cadence, now, zone);
        Evaluation evaluation = book.get().evaluate(List.of(fact));
        Set<String> segments = new LinkedHashSet<>();
        evaluation.about(fact, Segment.class).forEach(s -> segments.add(s.getName()));
        List<TreatmentPath> paths = evaluation.about(fact, TreatmentPath.class);
        String path = paths.isEmpty() ? "" : paths.get(0).getName();
        StringBuilder detail = new StringBuilder();
        if (!path.isEmpty()) {
            detail.append("path ").append(path).append(" (rule '").append(paths.get(0).rule()).append("')");
        }
        if (!segments.isEmpty()) {
            detail.append(detail.length() == 0 ? "" : "; ").append("segments ").append(String.join(", ", segments));
        }
        return new Classification(segments, path, detail.toString());
    }
}
