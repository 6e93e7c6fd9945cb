package io.cadencerules.policy;

import io.cadencerules.engine.DecisionStage;
import io.cadencerules.engine.StepContext;
import io.cadencerules.engine.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * {@link Budget#channelChoice()}: for a step with fallbacks, the channel with the highest expected
 * value − cost among the current one and the remaining fallbacks ({@link Budget#explain}).
 */
final class ChannelChoiceStage implements DecisionStage {

    private static final Logger log = LoggerFactory.getLogger(ChannelChoiceStage.class);

    private final Budget budget;

    ChannelChoiceStage(Budget budget) {
        this.budget = budget;
    }

    @Override
    public Verdict decide(StepContext candidate) {
        List<Budget.ChannelOption> ranked = budget.explain(candidate);
        if (ranked.isEmpty() || ranked.get(0).action().equals(candidate.action())) {
            return Verdict.proceed();
        }
        if (log.isDebugEnabled()) {
            log.debug("journey {} step {}: {} instead of {}; options {}", candidate.journey().id(), candidate.step().id(),
                    ranked.get(0).action().channel(), candidate.action().channel(), ranked);
        }
        return Verdict.proceedWith(ranked.get(0).action());
    }

    @Override
    public String toString() {
        return "budget channel choice";
    }
}
