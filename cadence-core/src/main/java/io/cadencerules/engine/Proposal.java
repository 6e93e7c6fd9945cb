package io.cadencerules.engine;

import io.cadencerules.channel.Channel;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Objects;

/**
 * A next-best-action proposal: an offer to make now, how likely it is taken, what it is worth and
 * costs, where to make it, and who proposed it. Proposals are ranked by {@link #expectedValue()}.
 *
 * @param code       the offer, e.g. "rental-car-coverage"
 * @param propensity probability the customer accepts, 0..1
 * @param value      value if accepted
 * @param cost       cost of making it (incentive, contact)
 * @param channel    the channel to make it on, or null to leave it to the caller (agent screen, inbound IVR)
 * @param template   the template for the channel, or empty
 * @param source     who proposed it (e.g. the rule's name)
 */
public record Proposal(String code, double propensity, BigDecimal value, BigDecimal cost, Channel channel,
                       String template, String source) {

    /** Highest expected value first; ties by code. */
    public static final Comparator<Proposal> BEST_FIRST =
            Comparator.comparing(Proposal::expectedValue).reversed().thenComparing(Proposal::code);

    public Proposal {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("proposal code must not be blank, but was '" + code + "'");
        }
        if (!(propensity >= 0 && propensity <= 1)) {
            throw new IllegalArgumentException("proposal '" + code + "' propensity must be between 0 and 1, but was " + propensity);
        }
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(cost, "cost");
        template = template == null ? "" : template;
        source = source == null ? "" : source;
    }

    /** propensity × value − cost. */
    public BigDecimal expectedValue() {
        return value.multiply(BigDecimal.valueOf(propensity)).subtract(cost);
    }
}
