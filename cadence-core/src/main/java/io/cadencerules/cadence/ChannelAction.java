package io.cadencerules.cadence;

import io.cadencerules.channel.Channel;

import java.util.Map;
import java.util.Objects;

/**
 * What a step sends: a channel, a template, static template variables and, for agent steps, the
 * queue.
 *
 * @param channel    the channel
 * @param templateId the template (message, voice prompt, IVR script, agent script)
 * @param variables  static template variables, copied
 * @param queue      the agent queue for {@link Channel#AGENT}, else empty
 */
public record ChannelAction(Channel channel, String templateId, Map<String, String> variables, String queue) {

    public ChannelAction {
        Objects.requireNonNull(channel, "channel");
        if (templateId == null || templateId.isBlank()) {
            throw new IllegalArgumentException(channel + " action needs a template id, but was '" + templateId + "'");
        }
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        queue = queue == null ? "" : queue;
        if (channel == Channel.AGENT && queue.isBlank()) {
            throw new IllegalArgumentException("AGENT action '" + templateId + "' needs a queue");
        }
    }

    /** An action without variables or queue. */
    public static ChannelAction of(Channel channel, String templateId) {
        return new ChannelAction(channel, templateId, Map.of(), "");
    }
}
