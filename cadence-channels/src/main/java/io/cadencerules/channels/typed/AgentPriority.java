package io.cadencerules.channels.typed;

/** How soon an agent should take a task. */
public enum AgentPriority {
    /** The customer asked for a person (a hand-off from a response branch): call back first. */
    HIGH,
    /** A planned agent call. */
    NORMAL,
    /** Whenever the queue has room. */
    LOW
}
