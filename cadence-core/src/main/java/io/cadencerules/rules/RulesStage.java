package io.cadencerules.rules;

import io.cadencerules.cadence.ChannelAction;
import io.cadencerules.channel.Channel;
import io.cadencerules.engine.ConditionEvaluator;
import io.cadencerules.engine.DecisionStage;
import io.cadencerules.engine.StepContext;
import io.cadencerules.engine.Verdict;
import io.cadencerules.journey.JourneyStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The second decision point: before each due step, the rule book decides eligibility and
 * suppression, channel choice, and the named conditions of {@code .when(rule("name"))}. One rule
 * session evaluates a whole batch of {@link DueStep}s.
 *
 * <p>Conclusions become verdicts, strongest first: {@link StopJourney} → the journey EXITS;
 * {@link Suppress} → BLOCKED; {@link Skip} → SKIPPED; {@link ChannelChoice} (highest rank) or a
 * {@link HandOff} → the step goes out on that channel. {@link Score}s add up into the candidate's
 * arbitration score and {@link ShareWindow} lets it share the customer's arbitration window. The
 * reason code is the conclusion's reason; the detail names the rule. Register it as both stage and condition evaluator:
 *
 * <pre>{@code
 * RulesStage rules = new RulesStage(ruleBook::get);   // a RuleBook, or a ReloadingRuleBook
 * CadenceEngine.builder().eligibility(rules).conditions(rules)...
 * }</pre>
 */
public final class RulesStage implements DecisionStage, ConditionEvaluator {

    private final Supplier<RuleBook> book;

    /** A stage over the rule book the supplier gives at each batch (so reloads take effect). */
    public RulesStage(Supplier<RuleBook> book) {
        this.book = Objects.requireNonNull(book, "book");
    }

    /** A stage over a fixed rule book. */
    public RulesStage(RuleBook book) {
        this(() -> book);
        Objects.requireNonNull(book, "book");
    }

    @Override
    public Verdict decide(StepContext candidate) {
        return decideAll(List.of(candidate)).get(0);
    }

    @Override
    public List<Verdict> decideAll(List<StepContext> batch) {
        List<DueStep> facts = facts(batch);
        Evaluation evaluation = book.get().evaluate(facts);
        List<Verdict> verdicts = new ArrayList<>(facts.size());
        for (DueStep fact : facts) {
            verdicts.add(verdict(fact, evaluation));
        }
        return verdicts;
    }

    @Override
    public boolean test(String rule, StepContext candidate) {
        return testAll(List.of(rule), List.of(candidate))[0];
    }

    @Override
    public boolean[] testAll(List<String> rules, List<StepContext> candidates) {
        List<DueStep> facts = facts(candidates);
        Evaluation evaluation = book.get().evaluate(facts);
        boolean[] holds = new boolean[facts.size()];
        for (int i = 0; i < holds.length; i++) {
            String name = rules.get(i);
            holds[i] = evaluation.about(facts.get(i), ConditionHolds.class).stream().anyMatch(c -> c.getName().equals(name));
        }
        return holds;
    }

    private static List<DueStep> facts(List<StepContext> contexts) {
        List<DueStep> facts = new ArrayList<>(contexts.size());
        for (StepContext context : contexts) {
            facts.add(new DueStep(context));
        }
        return facts;
    }

    private static Verdict verdict(DueStep fact, Evaluation evaluation) {
        List<StopJourney> stops = evaluation.about(fact, StopJourney.class);
        if (!stops.isEmpty()) {
            StopJourney stop = stops.get(0);
            return new Verdict.Stop(JourneyStatus.EXITED, stop.getReason(), ruleDetail(stop));
        }
        List<Suppress> suppressions = evaluation.about(fact, Suppress.class);
        if (!suppressions.isEmpty()) {
            return Verdict.block(suppressions.get(0).getReason(), ruleDetail(suppressions.get(0)));
        }
        List<Skip> skips = evaluation.about(fact, Skip.class);
        if (!skips.isEmpty()) {
            return Verdict.skip(skips.get(0).getReason(), ruleDetail(skips.get(0)));
        }
        ChannelAction current = fact.context().action();
        ChannelAction override = null;
        List<HandOff> handOffs = evaluation.about(fact, HandOff.class);
        if (!handOffs.isEmpty()) {
            String queue = handOffs.get(0).getQueue();
            override = new ChannelAction(Channel.AGENT, queue, current.variables(), queue);
        } else {
            override = evaluation.about(fact, ChannelChoice.class).stream()
                    .max(Comparator.comparingInt(ChannelChoice::getRank))
                    .filter(choice -> choice.getChannel() != current.channel() || !choice.getTemplate().isEmpty())
                    .map(choice -> new ChannelAction(choice.getChannel(),
                            choice.getTemplate().isEmpty() ? current.templateId() : choice.getTemplate(), current.variables(),
                            choice.getChannel() == Channel.AGENT ? (current.queue().isEmpty() ? current.templateId() : current.queue()) : ""))
                    .orElse(null);
        }
        double score = evaluation.about(fact, Score.class).stream().mapToDouble(Score::getValue).sum();
        boolean share = !evaluation.about(fact, ShareWindow.class).isEmpty();
        return override == null && score == 0 && !share ? Verdict.proceed()
                : new Verdict.Proceed(override, null, score, share);
    }

    private static String ruleDetail(Conclusion conclusion) {
        return "rule '" + conclusion.rule() + "'";
    }
}
