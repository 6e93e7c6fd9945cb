package io.cadencerules.rules;

import io.cadencerules.cadence.Condition;
import io.cadencerules.channel.Channel;
import io.cadencerules.engine.StepContext;

/**
 * A candidate contact about to go out: the fact rules see before each due step. Its parts are the
 * {@link CustomerFact}, {@link SubjectFact}, {@link JourneyFact} and {@link NowFact}:
 *
 * <pre>
 * rule "no voice blasts on weekends for the payroll segment"
 * when
 *     $s : DueStep( channel == Channel.VOICE_BLAST, now.weekend, customer.segments contains "payroll" )
 * then
 *     insert(new Suppress($s, "no-voice-on-weekends"));
 * end
 * </pre>
 */
public final class DueStep {

    private final StepContext context;
    private final CustomerFact customer;
    private final SubjectFact subject;
    private final JourneyFact journey;
    private final NowFact now;

    /** The candidate of a step context. */
    public DueStep(StepContext context) {
        this.context = context;
        this.now = new NowFact(context.now(), context.journey().zone());
        this.customer = new CustomerFact(context.customer());
        this.subject = new SubjectFact(context.journey().subject(), now.getDate());
        this.journey = new JourneyFact(context.journey(), context.cadence(), context.now());
    }

    /** The engine's context this fact was made from. */
    public StepContext context() {
        return context;
    }

    public CustomerFact getCustomer() {
        return customer;
    }

    public SubjectFact getSubject() {
        return subject;
    }

    public JourneyFact getJourney() {
        return journey;
    }

    public NowFact getNow() {
        return now;
    }

    public String getStepId() {
        return context.step().id();
    }

    public Channel getChannel() {
        return context.action().channel();
    }

    public String getTemplate() {
        return context.action().templateId();
    }

    public int getAttempt() {
        return context.attempt();
    }

    /** True for a hand-off to an agent triggered by a response branch. */
    public boolean isHandOff() {
        return context.handOff();
    }

    /** The rule name of the step's {@code .when(rule(...))} condition, or empty. */
    public String getCondition() {
        return context.step().condition() instanceof Condition.Rule rule ? rule.name() : "";
    }

    @Override
    public String toString() {
        return "DueStep " + context.journey().id() + "/" + context.step().id();
    }
}
