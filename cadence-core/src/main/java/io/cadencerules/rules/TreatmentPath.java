package io.cadencerules.rules;

/** Routes an enrolment to a treatment path: the cadence id to enrol in instead, or a path tag the cadence's steps select with {@code segment("path:NAME")}. */
public final class TreatmentPath extends Conclusion {

    private final String name;

    /** Routes an enrolment to a treatment path: the cadence id to enrol in instead, or a path tag the cadence's steps select with {@code segment("path:NAME")}. */
    public TreatmentPath(Object about, String name) {
        super(about);
        this.name = requireText(name, "treatment path");
    }

    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return "TreatmentPath" + " " + name + " (rule '" + rule() + "')";
    }
}
