package io.cadencerules.channels.mailing;

/** Why a journey is on the agents' list, strongest first. */
public enum Interest {
    /** A response branch handed the customer to an agent (IVR "press 1", reply "QUERO"). */
    HAND_OFF,
    /** The customer replied with something other than a stop or "no" keyword. */
    POSITIVE_REPLY,
    /** The customer clicked a tracked link. */
    CLICK
}
