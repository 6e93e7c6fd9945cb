package io.cadencerules.channels.agent;

import io.cadencerules.channel.Channel;
import io.cadencerules.engine.DecisionStage;
import io.cadencerules.engine.StepContext;
import io.cadencerules.engine.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A hand-off happens only when the agent queue reports a free place (a batch never takes more places
 * than the queue reports). Otherwise, as configured: the step
 * goes to its fallback channel ({@link #fallback}: {@code skipRoute}, so a step without a fallback is
 * skipped with the reason), or the step waits and is decided again later ({@link #defer}).
 *
 * <pre>{@code
 * builder.policy(AgentCapacityStage.defer(queues::freeAgents, Duration.ofMinutes(15)));
 * }</pre>
 */
public final class AgentCapacityStage implements DecisionStage {

    /** The reason code recorded when a queue is full. */
    public static final String QUEUE_FULL = "agent-queue-full";

    private final AgentCapacity capacity;
    private final Duration deferBy;

    private AgentCapacityStage(AgentCapacity capacity, Duration deferBy) {
        this.capacity = Objects.requireNonNull(capacity, "capacity");
        this.deferBy = deferBy;
    }

    /** When the queue is full, the step tries its next fallback channel. */
    public static AgentCapacityStage fallback(AgentCapacity capacity) {
        return new AgentCapacityStage(capacity, null);
    }

    /** When the queue is full, the step is decided again after {@code wait}. */
    public static AgentCapacityStage defer(AgentCapacity capacity, Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("agent capacity wait must be positive, but was " + wait);
        }
        return new AgentCapacityStage(capacity, wait);
    }

    @Override
    public Verdict decide(StepContext candidate) {
        return decideAll(List.of(candidate)).get(0);
    }

    /** A batch takes the free places of each queue in order: it never hands off more than a queue can take. */
    @Override
    public List<Verdict> decideAll(List<StepContext> batch) {
        Map<String, Integer> left = new HashMap<>();
        List<Verdict> verdicts = new ArrayList<>(batch.size());
        for (StepContext candidate : batch) {
            if (candidate.action().channel() != Channel.AGENT) {
                verdicts.add(Verdict.proceed());
                continue;
            }
            String queue = candidate.action().queue();
            String problem = null;
            int free;
            try {
                free = left.computeIfAbsent(queue, capacity::available);
            } catch (RuntimeException e) {
                free = 0;
                problem = "capacity of agent queue '" + queue + "' could not be checked: " + e.getMessage();
            }
            if (free > 0) {
                left.put(queue, free - 1);
                verdicts.add(Verdict.proceed());
                continue;
            }
            String detail = problem != null ? problem : "agent queue '" + queue + "' has no capacity";
            verdicts.add(deferBy == null ? Verdict.skipRoute(QUEUE_FULL, detail)
                    : Verdict.defer(candidate.now().plus(deferBy), QUEUE_FULL, detail));
        }
        return verdicts;
    }
}
