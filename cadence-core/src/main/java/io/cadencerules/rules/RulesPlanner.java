package io.cadencerules.rules;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.customer.Customer;
import io.cadencerules.engine.PlannedStep;
import io.cadencerules.engine.StepPlanner;
import io.cadencerules.journey.Journey;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A régua written in DRL: rules see a {@link JourneyState} and insert {@link NextContact}s; the
 * earliest one is the journey's next step. The cadence declares its steps as {@code planned()}
 * (channel and template); the rules decide which comes next and when.
 *
 * <pre>{@code
 * Cadence regua = Cadence.collection("card-late-drl")
 *     .step("d0-sms").planned().sms("due-today")
 *     ...
 *     .build();
 * CadenceEngine.builder().planner("card-late-drl", new RulesPlanner(book::get))...
 * }</pre>
 */
public final class RulesPlanner implements StepPlanner {

    private final Supplier<RuleBook> book;

    /** A planner over the rule book the supplier gives at each decision. */
    public RulesPlanner(Supplier<RuleBook> book) {
        this.book = Objects.requireNonNull(book, "book");
    }

    @Override
    public Optional<PlannedStep> next(Journey journey, Cadence cadence, Customer customer, Instant now) {
        JourneyState state = new JourneyState(journey, cadence, customer, now);
        List<NextContact> next = book.get().evaluate(List.of(state)).about(state, NextContact.class);
        return next.stream()
                .min(Comparator.comparingInt(NextContact::getDay).thenComparing(NextContact::getAt))
                .map(n -> new PlannedStep(n.getStepId(), n.getDay(), n.getAt(), "rule '" + n.rule() + "'"));
    }
}
