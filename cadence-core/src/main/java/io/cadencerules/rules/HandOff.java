package io.cadencerules.rules;

/** Hands the customer to an agent queue now. */
public final class HandOff extends Conclusion {

    private final String queue;

    /** Hands the customer to an agent queue now. */
    public HandOff(Object about, String queue) {
        super(about);
        this.queue = requireText(queue, "agent queue");
    }

    public String getQueue() {
        return queue;
    }

    @Override
    public String toString() {
        return "HandOff" + " " + queue + " (rule '" + rule() + "')";
    }
}
