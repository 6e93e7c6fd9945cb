package io.cadencerules.channels.agent;

/** The call center's answer to "how many more contacts can this agent queue take now?". */
@FunctionalInterface
public interface AgentCapacity {

    /** Free places in the queue now (0 when full). */
    int available(String queue);
}
