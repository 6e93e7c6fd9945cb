package io.cadencerules.cadence;

import io.cadencerules.channel.Channel;
import io.cadencerules.event.EventType;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fluent builder of a {@link Cadence}. Cadence-level options ({@link #anchoredOn}, {@link #exitOn}…)
 * may be called at any point; step options ({@link #at}, {@link #sms}, {@link #onKey}…) apply to
 * the step most recently started with {@link #step(String)}. {@link #build()} validates and may be
 * called more than once.
 *
 * <p>Invalid values fail with {@link IllegalArgumentException}; a repeated or conflicting option
 * (two channels on one step, two timings) fails with {@link IllegalStateException}.
 */
public final class CadenceBuilder {

    private final String id;
    private final CadenceKind kind;
    private final Purpose purpose;
    private Anchor anchor;
    private boolean anchorSet;
    private int version = 1;
    private int priority;
    private Integer horizonDays;
    private LocalTime sendTime = Cadence.DEFAULT_SEND_TIME;
    private Duration maxLateness = Cadence.DEFAULT_MAX_LATENESS;
    private ReEntry reEntry = ReEntry.immediately();
    private final Set<EventType> exitOn = EnumSet.noneOf(EventType.class);
    private final Set<EventType> pauseOn = EnumSet.noneOf(EventType.class);
    private final List<StepDraft> steps = new ArrayList<>();
    private final Set<String> optionsSet = new java.util.HashSet<>();
    private StepDraft current;

    CadenceBuilder(String id, CadenceKind kind, Purpose purpose, Anchor defaultAnchor) {
        this.id = id;
        this.kind = kind;
        this.purpose = purpose;
        this.anchor = defaultAnchor;
    }

    // ----- cadence level -----

    /** What day zero is. */
    public CadenceBuilder anchoredOn(Anchor anchor) {
        if (anchorSet) {
            throw new IllegalStateException("cadence '" + id + "' anchor was already set to " + this.anchor.type());
        }
        this.anchor = Objects.requireNonNull(anchor, "anchor");
        anchorSet = true;
        return this;
    }

    /** Version number, from 1. */
    public CadenceBuilder version(int version) {
        setOnce("version", version);
        this.version = version;
        return this;
    }

    /** Arbitration priority: higher wins when cadences compete for one customer. */
    public CadenceBuilder priority(int priority) {
        setOnce("priority", priority);
        this.priority = priority;
        return this;
    }

    /** Days after day zero the journey stays open; default: the last offset plus 30 days. */
    public CadenceBuilder horizon(int days) {
        setOnce("horizon", days);
        this.horizonDays = days;
        return this;
    }

    /** Default local send time of offset steps without a time (due-date anchors). */
    public CadenceBuilder sendAt(LocalTime time) {
        setOnce("sendAt", time);
        this.sendTime = Objects.requireNonNull(time, "time");
        return this;
    }

    /** A step found due later than this is skipped as stale. */
    public CadenceBuilder maxLateness(Duration lateness) {
        setOnce("maxLateness", lateness);
        this.maxLateness = Objects.requireNonNull(lateness, "lateness");
        return this;
    }

    /** Re-entry rule after a journey ends. */
    public CadenceBuilder reEntry(ReEntry reEntry) {
        setOnce("reEntry", reEntry);
        this.reEntry = Objects.requireNonNull(reEntry, "reEntry");
        return this;
    }

    /** Events that end the journey; goal events (full payment, conversion) mark it CONVERTED. */
    public CadenceBuilder exitOn(EventType... types) {
        Set<EventType> adding = EnumSet.noneOf(EventType.class);
        for (EventType type : types) {
            if (exitOn.contains(type) || !adding.add(type)) {
                throw new IllegalStateException("cadence '" + id + "' already exits on " + type);
            }
            if (pauseOn.contains(type)) {
                throw new IllegalStateException("cadence '" + id + "' pauses on " + type + ", so it cannot also exit on it");
            }
        }
        exitOn.addAll(adding);
        return this;
    }

    /** Events that pause the journey; a promise to pay pauses it until the promised date. */
    public CadenceBuilder pauseOn(EventType... types) {
        Set<EventType> adding = EnumSet.noneOf(EventType.class);
        for (EventType type : types) {
            if (pauseOn.contains(type) || !adding.add(type)) {
                throw new IllegalStateException("cadence '" + id + "' already pauses on " + type);
            }
            if (exitOn.contains(type)) {
                throw new IllegalStateException("cadence '" + id + "' exits on " + type + ", so it cannot also pause on it");
            }
        }
        pauseOn.addAll(adding);
        return this;
    }

    /** Starts a new step; the following step options apply to it. */
    public CadenceBuilder step(String stepId) {
        current = new StepDraft(stepId);
        steps.add(current);
        return this;
    }

    // ----- step level: timing -----

    /** Fires on day {@code days} from the anchor at the default time (see {@link Timing.Offset}). */
    public CadenceBuilder at(int days) {
        return timing(new Timing.Offset(days, null), "at");
    }

    /** Fires on day {@code days} from the anchor at {@code time} in the customer's zone. */
    public CadenceBuilder at(int days, LocalTime time) {
        return timing(new Timing.Offset(days, Objects.requireNonNull(time, "time")), "at");
    }

    /** Fires {@code wait} after the previous step was decided. */
    public CadenceBuilder after(Duration wait) {
        return timing(new Timing.Wait(wait), "after");
    }

    /** Fires when the cadence's step planner (e.g. DRL rules) schedules it. */
    public CadenceBuilder planned() {
        return timing(new Timing.Planned(), "planned");
    }

    /** Fires when an event of this type arrives (a reaction step). */
    public CadenceBuilder on(EventType event) {
        return timing(new Timing.OnEvent(event, null), "on");
    }

    /** Fires when a custom event with this name arrives. */
    public CadenceBuilder onCustom(String eventName) {
        return timing(new Timing.OnEvent(EventType.CUSTOM, eventName), "onCustom");
    }

    // ----- step level: channel -----

    /** Sends an e-mail with this template. */
    public CadenceBuilder email(String template) {
        return action(Channel.EMAIL, template, "", "email");
    }

    /** Sends an SMS with this template. */
    public CadenceBuilder sms(String template) {
        return action(Channel.SMS, template, "", "sms");
    }

    /** Sends a two-way SMS whose reply is an event. */
    public CadenceBuilder twoWaySms(String template) {
        return action(Channel.TWO_WAY_SMS, template, "", "twoWaySms");
    }

    /** Sends a WhatsApp template message. */
    public CadenceBuilder whatsapp(String template) {
        return action(Channel.WHATSAPP, template, "", "whatsapp");
    }

    /** Places a voice blast (torpedo de voz) with this prompt. */
    public CadenceBuilder voiceBlast(String prompt) {
        return action(Channel.VOICE_BLAST, prompt, "", "voiceBlast");
    }

    /** Places an outbound IVR call (URA ativa) with this script; add keys with {@link #onKey}. */
    public CadenceBuilder outboundIvr(String script) {
        return action(Channel.OUTBOUND_IVR, script, "", "outboundIvr");
    }

    /** Hands the customer to an agent in this queue (a call or a task); the script is the queue name. */
    public CadenceBuilder agentCall(String queue) {
        return action(Channel.AGENT, queue, queue, "agentCall");
    }

    /** Hands the customer to an agent in this queue with this script. */
    public CadenceBuilder agentCall(String queue, String script) {
        return action(Channel.AGENT, script, queue, "agentCall");
    }

    /** A static template variable of the current step. */
    public CadenceBuilder with(String variable, String value) {
        StepDraft step = current("with");
        if (step.variables.put(Objects.requireNonNull(variable, "variable"), Objects.requireNonNull(value, "value")) != null) {
            throw new IllegalStateException("step '" + step.id + "' variable '" + variable + "' was already set");
        }
        return this;
    }

    /** On rejection or permanent failure, try this channel and template next (in the order added). */
    public CadenceBuilder fallbackTo(Channel channel, String template) {
        StepDraft step = current("fallbackTo");
        step.fallbacks.add(new ChannelAction(channel, template, Map.of(), channel == Channel.AGENT ? template : ""));
        return this;
    }

    // ----- step level: condition, branches, attempts -----

    /** The step fires only when the condition holds; otherwise it is skipped with a reason. */
    public CadenceBuilder when(Condition condition) {
        StepDraft step = current("when");
        if (step.condition != null) {
            throw new IllegalStateException("step '" + step.id + "' already has a condition");
        }
        step.condition = Objects.requireNonNull(condition, "condition");
        return this;
    }

    /** IVR menu: when the customer presses {@code digit}, do {@code action}. */
    public CadenceBuilder onKey(char digit, BranchAction action) {
        return branch(new Branch(new Branch.Trigger.Key(digit), action), "onKey");
    }

    /** When the customer replies with {@code keyword} (ignoring case), do {@code action}. */
    public CadenceBuilder onReply(String keyword, BranchAction action) {
        return branch(new Branch(new Branch.Trigger.Reply(keyword), action), "onReply");
    }

    /** When the customer clicks {@code link} ("*" for any), do {@code action}. */
    public CadenceBuilder onClick(String link, BranchAction action) {
        return branch(new Branch(new Branch.Trigger.Click(link), action), "onClick");
    }

    /** Attempts on a retryable delivery failure (at least 1), {@code retryAfter} apart. */
    public CadenceBuilder maxAttempts(int attempts, Duration retryAfter) {
        StepDraft step = current("maxAttempts");
        if (step.attemptsSet) {
            throw new IllegalStateException("step '" + step.id + "' max attempts were already set to " + step.maxAttempts);
        }
        step.attemptsSet = true;
        step.maxAttempts = attempts;
        step.retryAfter = retryAfter;
        return this;
    }

    /** The cadence; validates the whole definition. */
    public Cadence build() {
        List<Step> built = new ArrayList<>(steps.size());
        for (StepDraft draft : steps) {
            built.add(draft.build());
        }
        int horizon = horizonDays != null ? horizonDays : defaultHorizon(built);
        return new Cadence(id, version, kind, purpose, anchor, built, exitOn, pauseOn, reEntry, priority, horizon,
                sendTime, maxLateness);
    }

    private static int defaultHorizon(List<Step> steps) {
        long lastDay = 0;
        long waited = 0;
        for (Step step : steps) {
            if (step.timing() instanceof Timing.Offset offset) {
                lastDay = Math.max(lastDay, offset.days());
                waited = 0;
            } else if (step.timing() instanceof Timing.Wait wait) {
                waited += wait.after().toDays() + 1;
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, lastDay + waited + 30);
    }

    private void setOnce(String option, Object value) {
        if (!optionsSet.add(option)) {
            throw new IllegalStateException("cadence '" + id + "' " + option + " was already set; cannot set it to " + value);
        }
    }

    private CadenceBuilder timing(Timing timing, String method) {
        StepDraft step = current(method);
        if (step.timing != null) {
            throw new IllegalStateException("step '" + step.id + "' already has a timing");
        }
        step.timing = timing;
        return this;
    }

    private CadenceBuilder action(Channel channel, String template, String queue, String method) {
        StepDraft step = current(method);
        if (step.channel != null) {
            throw new IllegalStateException("step '" + step.id + "' already sends via " + step.channel + ", not also " + channel);
        }
        step.channel = channel;
        step.template = template;
        step.queue = queue;
        return this;
    }

    private CadenceBuilder branch(Branch branch, String method) {
        current(method).branches.add(branch);
        return this;
    }

    private StepDraft current(String option) {
        if (current == null) {
            throw new IllegalStateException("cadence '" + id + "': " + option + "(...) applies to a step; call step(id) first");
        }
        return current;
    }

    private static final class StepDraft {
        final String id;
        Timing timing;
        Channel channel;
        String template;
        String queue;
        final Map<String, String> variables = new LinkedHashMap<>();
        final List<ChannelAction> fallbacks = new ArrayList<>();
        final List<Branch> branches = new ArrayList<>();
        Condition condition;
        int maxAttempts = 1;
        boolean attemptsSet;
        Duration retryAfter = Step.DEFAULT_RETRY_AFTER;

        StepDraft(String id) {
            this.id = id;
        }

        Step build() {
            ChannelAction action = channel == null ? null : new ChannelAction(channel, template, variables, queue);
            return new Step(id, timing, action, fallbacks, condition, branches, maxAttempts, retryAfter);
        }
    }
}
