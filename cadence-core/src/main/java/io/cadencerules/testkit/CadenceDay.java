package io.cadencerules.testkit;

/**
 * A day of a cadence relative to its day zero, for assertions: {@code day(-3)} is D-3.
 *
 * @param offset days from day zero
 */
public record CadenceDay(int offset) {

    /** Day {@code offset} of the cadence. */
    public static CadenceDay day(int offset) {
        return new CadenceDay(offset);
    }

    @Override
    public String toString() {
        return offset < 0 ? "D" + offset : "D+" + offset;
    }
}
