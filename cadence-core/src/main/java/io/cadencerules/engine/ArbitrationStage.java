package io.cadencerules.engine;

import io.cadencerules.cadence.Purpose;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.store.JourneyQuery;
import io.cadencerules.store.JourneyStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fourth decision point: when several cadences want the same customer in the same window, one
 * contact goes out and the others wait. The winner has the highest cadence priority, then the highest
 * score the earlier stages gave (e.g. DRL {@code Score} conclusions), then the strongest purpose
 * (collection, then transactional, then marketing). A customer contacted by another journey within the
 * window is not contacted again until the window has passed, unless a stage said the contact may share
 * the window ({@code Proceed.shareWindow}, e.g. a DRL {@code ShareWindow} conclusion). The engine calls
 * it with the scores accumulated so far.
 */
final class ArbitrationStage implements DecisionStage {

    static final String REASON = "arbitration";

    private final Duration window;
    private final JourneyStore store;

    ArbitrationStage(Duration window, JourneyStore store) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("arbitration window must be positive, but was " + window);
        }
        this.window = window;
        this.store = store;
    }


    private static int purposeRank(Purpose purpose) {
        return switch (purpose) {
            case COLLECTION -> 3;
            case TRANSACTIONAL -> 2;
            case MARKETING -> 1;
        };
    }

    @Override
    public Verdict decide(StepContext candidate) {
        return decideAll(List.of(candidate)).get(0);
    }

    @Override
    public List<Verdict> decideAll(List<StepContext> batch) {
        return decideAll(batch, new double[batch.size()], new boolean[batch.size()]);
    }

    /** Decides a batch given each candidate's score and share-window flag from the earlier stages. */
    List<Verdict> decideAll(List<StepContext> batch, double[] scores, boolean[] shareWindow) {
        Map<String, List<Integer>> byCustomer = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            byCustomer.computeIfAbsent(batch.get(i).customer().id(), k -> new ArrayList<>(1)).add(i);
        }
        Comparator<Integer> rank = Comparator
                .comparingInt((Integer i) -> batch.get(i).cadence().priority())
                .thenComparingDouble(i -> scores[i])
                .thenComparingInt(i -> purposeRank(batch.get(i).cadence().purpose()))
                .reversed();
        Verdict[] verdicts = new Verdict[batch.size()];
        for (List<Integer> group : byCustomer.values()) {
            group.sort(rank);
            StepContext winner = batch.get(group.get(0));
            HistoryEntry recent = lastContactByAnotherJourney(winner);
            for (int k = 0; k < group.size(); k++) {
                int i = group.get(k);
                StepContext candidate = batch.get(i);
                if (shareWindow[i]) {
                    verdicts[i] = Verdict.proceed();
                } else if (recent != null) {
                    verdicts[i] = Verdict.defer(recent.at().plus(window), REASON,
                            "customer contacted at " + recent.at() + " by another journey (" + recent.stepId() + ")");
                } else if (k > 0) {
                    verdicts[i] = Verdict.defer(candidate.now().plus(window), REASON,
                            "lost to " + winner.cadence().id() + "/" + winner.step().id());
                } else {
                    verdicts[i] = Verdict.proceed();
                }
            }
        }
        return List.of(verdicts);
    }

    private HistoryEntry lastContactByAnotherJourney(StepContext candidate) {
        Instant since = candidate.now().minus(window);
        HistoryEntry latest = null;
        for (Journey other : store.query(new JourneyQuery(candidate.customer().id(), null, null, JourneyQuery.DEFAULT_LIMIT))) {
            if (other.id().equals(candidate.journey().id())) {
                continue;
            }
            HistoryEntry last = other.lastContact().orElse(null);
            if (last != null && last.at().isAfter(since) && (latest == null || last.at().isAfter(latest.at()))) {
                latest = last;
            }
        }
        return latest;
    }
}
