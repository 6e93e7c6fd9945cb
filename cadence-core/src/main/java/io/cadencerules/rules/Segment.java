package io.cadencerules.rules;

/** Assigns a segment tag (classification); steps use it with {@code .when(segment(name))}. */
public final class Segment extends Conclusion {

    private final String name;

    /** Assigns a segment tag (classification); steps use it with {@code .when(segment(name))}. */
    public Segment(Object about, String name) {
        super(about);
        this.name = requireText(name, "segment name");
    }

    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return "Segment" + " " + name + " (rule '" + rule() + "')";
    }
}
