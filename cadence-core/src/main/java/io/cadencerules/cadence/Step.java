package io.cadencerules.cadence;

import io.cadencerules.channel.Channel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One contact point of a cadence.
 *
 * @param id          unique within the cadence, e.g. "d2-voice"
 * @param timing      when it fires
 * @param action      what it sends
 * @param fallbacks   channels to try, in order, when the provider rejects the action or it fails for good
 * @param condition   a condition it must meet, or null
 * @param branches    response branches
 * @param maxAttempts attempts on a retryable delivery failure, at least 1
 * @param retryAfter  wait between attempts
 */
public record Step(String id, Timing timing, ChannelAction action, List<ChannelAction> fallbacks, Condition condition,
                   List<Branch> branches, int maxAttempts, Duration retryAfter) {

    /** Default wait between attempts of a step. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofHours(1);

    public Step {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9_.+-]*")) {
            throw new IllegalArgumentException(
                    "step id must be letters, digits and _ . + - (starting with a letter or digit), but was '" + id + "'");
        }
        if (timing == null) {
            throw new IllegalArgumentException("step '" + id + "' has no timing: use at(...), after(...) or on(...)");
        }
        if (action == null) {
            throw new IllegalArgumentException(
                    "step '" + id + "' has no channel action: use email(...), sms(...), voiceBlast(...), outboundIvr(...)…");
        }
        fallbacks = List.copyOf(fallbacks == null ? List.of() : fallbacks);
        branches = List.copyOf(branches == null ? List.of() : branches);
        retryAfter = retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter;
        if (timing instanceof Timing.Wait wait && (wait.after().isNegative() || wait.after().isZero())) {
            throw new IllegalArgumentException("step '" + id + "' wait must be positive, but was " + wait.after());
        }
        if (timing instanceof Timing.Offset offset && offset.at() != null && offset.at().getNano() != 0) {
            throw new IllegalArgumentException("step '" + id + "' time of day must be whole seconds, but was " + offset.at());
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("step '" + id + "' max attempts must be at least 1, but was " + maxAttempts);
        }
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("step '" + id + "' retry wait must be positive, but was " + retryAfter);
        }
        Channel main = action.channel();
        for (int i = 0; i < fallbacks.size(); i++) {
            Channel fallback = fallbacks.get(i).channel();
            if (fallback == main || fallbacks.subList(0, i).stream().anyMatch(a -> a.channel() == fallback)) {
                throw new IllegalArgumentException("step '" + id + "' lists channel " + fallback + " more than once");
            }
        }
        for (int i = 0; i < branches.size(); i++) {
            Branch.Trigger trigger = branches.get(i).trigger();
            if (branches.subList(0, i).stream().anyMatch(b -> b.trigger().equals(trigger))) {
                throw new IllegalArgumentException("step '" + id + "' has two branches for " + describe(trigger));
            }
            if (trigger instanceof Branch.Trigger.Key && main != Channel.OUTBOUND_IVR) {
                throw new IllegalArgumentException(
                        "step '" + id + "' branch on " + describe(trigger) + " needs an OUTBOUND_IVR step, but the channel is " + main);
            }
        }
    }

    /** True for reaction steps ({@link Timing.OnEvent}), which stand outside the timed sequence. */
    public boolean isReaction() {
        return timing instanceof Timing.OnEvent;
    }

    /** The condition, if any. */
    public Optional<Condition> when() {
        return Optional.ofNullable(condition);
    }

    /** The channel of the main action. */
    public Channel channel() {
        return action.channel();
    }

    static String describe(Branch.Trigger trigger) {
        if (trigger instanceof Branch.Trigger.Key key) {
            return "key '" + key.digit() + "'";
        } else if (trigger instanceof Branch.Trigger.Reply reply) {
            return "reply '" + reply.keyword() + "'";
        }
        return "click on '" + ((Branch.Trigger.Click) trigger).link() + "'";
    }

}
