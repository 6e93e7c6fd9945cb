package io.cadencerules.rules;

import io.cadencerules.channel.Channel;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A next-best-action offer: what to offer, how likely the customer takes it, what it is worth and
 * what it costs. Offers are ranked by {@link #expectedValue()} = propensity × value − cost.
 */
public final class Offer extends Conclusion {

    private final String code;
    private final double propensity;
    private final BigDecimal value;
    private final BigDecimal cost;
    private final Channel channel;
    private final String template;

    /**
     * @param about      the fact it answers (usually an {@link EventFact})
     * @param code       the offer, e.g. "upgrade-5g-24m"
     * @param propensity probability the customer accepts, 0..1
     * @param value      value if accepted
     * @param cost       cost of making it (incentive, contact)
     * @param channel    the channel to make it on, or null to leave it to the caller (an agent screen, the IVR)
     * @param template   the template for the channel, or empty
     */
    public Offer(Object about, String code, double propensity, BigDecimal value, BigDecimal cost, Channel channel,
                 String template) {
        super(about);
        this.code = requireText(code, "offer code");
        if (!(propensity >= 0 && propensity <= 1)) {
            throw new IllegalArgumentException("offer '" + code + "' propensity must be between 0 and 1, but was " + propensity);
        }
        this.propensity = propensity;
        this.value = Objects.requireNonNull(value, "value");
        this.cost = Objects.requireNonNull(cost, "cost");
        this.channel = channel;
        this.template = template == null ? "" : template;
    }

    /** An offer left to the caller to present. */
    public Offer(Object about, String code, double propensity, BigDecimal value, BigDecimal cost) {
        this(about, code, propensity, value, cost, null, "");
    }

    public String getCode() {
        return code;
    }

    public double getPropensity() {
        return propensity;
    }

    public BigDecimal getValue() {
        return value;
    }

    public BigDecimal getCost() {
        return cost;
    }

    /** The channel to make it on, or null. */
    public Channel getChannel() {
        return channel;
    }

    public String getTemplate() {
        return template;
    }

    /** propensity × value − cost. */
    public BigDecimal expectedValue() {
        return value.multiply(BigDecimal.valueOf(propensity)).subtract(cost);
    }

    @Override
    public String toString() {
        return "Offer " + code + " (p=" + propensity + ", value " + value + ", cost " + cost + ", rule '" + rule() + "')";
    }
}
