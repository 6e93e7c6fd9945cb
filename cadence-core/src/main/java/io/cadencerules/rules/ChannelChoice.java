package io.cadencerules.rules;

import io.cadencerules.channel.Channel;

/** Sends a due step through another channel (and template, if given); with several, the highest {@code rank} wins. */
public final class ChannelChoice extends Conclusion {

    private final Channel channel;
    private final String template;
    private final int rank;

    /** Sends a due step through another channel (and template, if given); with several, the highest {@code rank} wins. */
    public ChannelChoice(Object about, Channel channel, String template, int rank) {
        super(about);
        this.channel = java.util.Objects.requireNonNull(channel, "channel");
        this.template = template == null ? "" : template;
        this.rank = rank;
    }

    /** A channel override with the step's template and rank 0. */
    public ChannelChoice(Object about, Channel channel) {
        this(about, channel, "", 0);
    }

    public Channel getChannel() {
        return channel;
    }

    /** The template to use, or empty for the step's own. */
    public String getTemplate() {
        return template;
    }

    public int getRank() {
        return rank;
    }

    @Override
    public String toString() {
        return "ChannelChoice" + " " + channel + (template.isEmpty() ? "" : "/" + template) + " (rule '" + rule() + "')";
    }
}
