package io.cadencerules.examples;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channels.address.BrazilZoneResolver;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.policy.Budget;
import io.cadencerules.policy.ContactPolicy;
import io.cadencerules.rules.RuleBook;
import io.cadencerules.rules.RulesClassifier;
import io.cadencerules.rules.RulesStage;

import java.util.List;
import java.util.Objects;

/** What every example installs in an engine builder: zones, its rule book, the contact policy, its budget, its cadences. */
public final class ExampleSetup {

    private ExampleSetup() {
    }

    /**
     * Installs the Brazilian zones (address state, else DDD), the rule book as classifier, eligibility stage and
     * condition evaluator, the contact policy with the shipped packs, the budget's caps and the cadences. Call it
     * once per builder: it sets the classifier and the condition evaluator, which a builder takes once.
     *
     * @return the zone resolver installed, for parts that need it too (a next-best-action advisor)
     */
    public static BrazilZoneResolver install(CadenceEngine.Builder builder, RuleBook book, Budget budget, List<Cadence> cadences) {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(budget, "budget");
        BrazilZoneResolver places = BrazilZoneResolver.standard();
        RulesStage rules = new RulesStage(book);
        builder.zones(places)
                .classifier(new RulesClassifier(() -> book))
                .eligibility(rules)
                .conditions(rules)
                .policy(ContactPolicy.builder().localities(places).build())
                .budget(budget.caps())
                .cadences(cadences.toArray(Cadence[]::new));
        return places;
    }
}
