package io.cadencerules.rules;

/** Says that the named condition used in {@code .when(rule(name))} holds for a due step. */
public final class ConditionHolds extends Conclusion {

    private final String name;

    /** Says that the named condition used in {@code .when(rule(name))} holds for a due step. */
    public ConditionHolds(Object about, String name) {
        super(about);
        this.name = requireText(name, "condition name");
    }

    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return "ConditionHolds" + " " + name + " (rule '" + rule() + "')";
    }
}
