package io.cadencerules.channels.agent;

/** The call center's answer to "can this agent queue take one more contact now?". */
@FunctionalInterface
public interface AgentCapacity {

    /** True when the queue can take a contact now. */
    boolean hasCapacity(String queue);
}
