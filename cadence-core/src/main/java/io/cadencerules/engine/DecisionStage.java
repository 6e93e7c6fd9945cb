package io.cadencerules.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * One stage of the decision pipeline every due step goes through: eligibility, contact policy,
 * budget. A stage answers {@link Verdict#proceed()} or a "no" with a reason.
 *
 * <p>The engine hands stages whole batches of due journeys ({@link #decideAll}) so a stage backed
 * by a rule engine can evaluate a batch in one call; simple stages implement {@link #decide} only.
 */
@FunctionalInterface
public interface DecisionStage {

    /** The verdict for one candidate. */
    Verdict decide(StepContext candidate);

    /** The verdicts for a batch, in the same order; by default one {@link #decide} per candidate. */
    default List<Verdict> decideAll(List<StepContext> batch) {
        List<Verdict> verdicts = new ArrayList<>(batch.size());
        for (StepContext candidate : batch) {
            verdicts.add(decide(candidate));
        }
        return verdicts;
    }
}
