package io.cadencerules.cadence;

import java.time.Duration;

/**
 * Whether a customer and subject may enter the same cadence again after an earlier journey in it
 * ended. A live journey is never duplicated.
 *
 * @param allowed true if re-entry is possible at all
 * @param after   how long after the earlier journey ended (null: at once)
 */
public record ReEntry(boolean allowed, Duration after) {

    public ReEntry {
        after = after == null ? Duration.ZERO : after;
        if (after.isNegative()) {
            throw new IllegalArgumentException("re-entry window must not be negative, but was " + after);
        }
    }

    /** Never again for the same customer and subject. */
    public static ReEntry never() {
        return new ReEntry(false, Duration.ZERO);
    }

    /** Again as soon as the earlier journey ended. */
    public static ReEntry immediately() {
        return new ReEntry(true, Duration.ZERO);
    }

    /** Again once {@code window} has passed since the earlier journey ended. */
    public static ReEntry after(Duration window) {
        return new ReEntry(true, window);
    }
}
