package io.cadencerules.channels.typed;

import io.cadencerules.channel.DispatchResult;

import java.util.concurrent.CompletionStage;

/**
 * Sends tasks to an agent queue through a provider. Wrap it with {@link TypedChannels#agentTask(AgentTaskAdapter)} to register it with the
 * engine. Must honour {@link TypedRequest#idempotencyKey()}: the same key may be offered again.
 */
@FunctionalInterface
public interface AgentTaskAdapter {

    /**
     * Hands the request to the provider.
     *
     * @param request the queue, priority and the agent's context
     * @return accepted with the provider's id, rejected with a reason, or failed (retryable or not)
     */
    CompletionStage<DispatchResult> send(AgentTaskRequest request);
}
