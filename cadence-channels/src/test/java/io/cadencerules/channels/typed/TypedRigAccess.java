package io.cadencerules.channels.typed;

import io.cadencerules.cadence.Cadence;

/** The typed rig's cadence, for tests in other packages. */
public final class TypedRigAccess {

    private TypedRigAccess() {
    }

    /** A collection cadence over every channel; its two-way SMS step hands off on "QUERO". */
    public static final Cadence CADENCE = TypedRig.CADENCE;
}
