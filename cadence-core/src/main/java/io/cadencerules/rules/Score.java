package io.cadencerules.rules;

/** Adds to the score of a candidate contact, used in arbitration (higher goes first). */
public final class Score extends Conclusion {

    private final double value;

    /** Adds to the score of a candidate contact, used in arbitration (higher goes first). */
    public Score(Object about, double value) {
        super(about);
        this.value = value;
    }

    public double getValue() {
        return value;
    }

    @Override
    public String toString() {
        return "Score" + " " + value + " (rule '" + rule() + "')";
    }
}
