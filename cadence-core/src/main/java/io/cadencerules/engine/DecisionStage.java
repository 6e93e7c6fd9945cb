package io.cadencerules.engine;

import io.cadencerules.channel.DispatchResult;
import io.cadencerules.customer.Money;

import java.util.ArrayList;
import java.util.List;

/**
 * One stage of the decision pipeline every due step goes through: eligibility, contact policy,
 * budget. A stage answers {@link Verdict#proceed()} or a "no" with a reason.
 *
 * <p>The engine hands stages whole batches of due journeys ({@link #decideAll}) so a stage backed
 * by a rule engine can evaluate a batch in one call; simple stages implement {@link #decide} only.
 *
 * <p>A stage that counts something shared between journeys (contacts per person, money spent) also
 * implements {@link #admit} and {@link #settle}: batch decisions are taken from a snapshot, so two
 * journeys of one person decided together could each fit a limit that both together break. The
 * engine therefore calls {@code admit} for the one contact about to go out, just before its
 * adapter, and {@code settle} once its fate is known; {@code admit} checks and reserves atomically.
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

    /**
     * The last word on a contact the stages let through, called just before it is handed to its
     * adapter: check shared limits and reserve this contact's share atomically. Every contact
     * admitted here is {@link #settle settled} later, whatever happens. Default: proceed.
     *
     * @param contact  the contact about to go out (its final action and address)
     * @param estimate its estimated cost, or null when no stage estimated one
     * @return {@link Verdict#proceed()} or a refusal, which the engine applies like one from {@link #decide}
     */
    default Verdict admit(StepContext contact, Money estimate) {
        return Verdict.proceed();
    }

    /**
     * What became of a contact this stage admitted: the adapter's answer, or {@code notSent} when a
     * later stage's {@link #admit} refused it (it never reached the adapter). Default: nothing.
     *
     * @param contact the contact, as admitted
     * @param result  the adapter's answer, or {@link DispatchResult.Rejected} with reason
     *                {@code "not-sent: ..."} when it never reached the adapter
     */
    default void settle(StepContext contact, DispatchResult result) {
    }
}
