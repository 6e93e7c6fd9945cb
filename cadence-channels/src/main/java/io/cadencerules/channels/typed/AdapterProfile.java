package io.cadencerules.channels.typed;

import io.cadencerules.channel.Channel;
import io.cadencerules.customer.Money;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an adapter can do and what it costs, as data: the budget stage estimates a contact's cost
 * from it, and channel choice can look at its capabilities.
 *
 * <pre>{@code
 * AdapterProfile sms = AdapterProfile.of(Channel.SMS, Money.brl("0.07"), CostUnit.SEGMENT, Capability.DELIVERY_RECEIPTS);
 * sms.estimate(smsRequest);   // segments × R$ 0,07
 * }</pre>
 *
 * @param channel      the channel the adapter serves
 * @param unitCost     the price of one unit, not negative
 * @param per          the unit; {@link CostUnit#SEGMENT} only for SMS and two-way SMS
 * @param capabilities what the provider can do, copied
 */
public record AdapterProfile(Channel channel, Money unitCost, CostUnit per, Set<Capability> capabilities) {

    /** Validates the fields and copies the capabilities. */
    public AdapterProfile {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(unitCost, "unitCost");
        Objects.requireNonNull(per, "per");
        if (unitCost.amount().signum() < 0) {
            throw new IllegalArgumentException("adapter profile for " + channel + " unit cost must not be negative, but was " + unitCost);
        }
        if (per == CostUnit.SEGMENT && channel != Channel.SMS && channel != Channel.TWO_WAY_SMS) {
            throw new IllegalArgumentException("adapter profile for " + channel
                    + " cannot bill per SEGMENT, which only applies to SMS and TWO_WAY_SMS");
        }
        capabilities = capabilities == null || capabilities.isEmpty() ? Set.of()
                : java.util.Collections.unmodifiableSet(EnumSet.copyOf(capabilities));
    }

    /** A profile with the listed capabilities. */
    public static AdapterProfile of(Channel channel, Money unitCost, CostUnit per, Capability... capabilities) {
        return new AdapterProfile(channel, unitCost, per, Set.copyOf(List.of(capabilities)));
    }

    /** True when the provider declares the capability. */
    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }

    /**
     * The expected cost of sending a request once: segments × unit cost for {@link CostUnit#SEGMENT}
     * (from the request's {@code SmsText}); the unit cost for {@link CostUnit#MESSAGE} and
     * {@link CostUnit#ATTEMPT}; one minute — the least a call is billed — for {@link CostUnit#MINUTE}
     * (use {@link #estimate(TypedRequest, Duration)} with an expected duration).
     *
     * @param request a request of this profile's channel
     * @return the cost in the unit cost's currency
     * @throws IllegalArgumentException when the request is for another channel
     */
    public Money estimate(TypedRequest request) {
        return estimate(request, Duration.ofMinutes(1));
    }

    /**
     * The expected cost, with a call duration for {@link CostUnit#MINUTE} (each started minute billed,
     * at least one); the duration is ignored for the other units.
     *
     * @param request      a request of this profile's channel
     * @param expectedCall the expected call duration, not negative
     * @return the cost in the unit cost's currency
     */
    public Money estimate(TypedRequest request, Duration expectedCall) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(expectedCall, "expectedCall");
        if (request.channel() != channel) {
            throw new IllegalArgumentException("adapter profile for " + channel + " cannot estimate request '"
                    + request.idempotencyKey() + "' for " + request.channel());
        }
        if (expectedCall.isNegative()) {
            throw new IllegalArgumentException("expected call duration must not be negative, but was " + expectedCall);
        }
        long units = switch (per) {
            case SEGMENT -> request instanceof SmsRequest sms ? sms.sms().segments()
                    : ((TwoWaySmsRequest) request).sms().segments();
            case MESSAGE, ATTEMPT -> 1;
            case MINUTE -> Math.max(1, (expectedCall.toSeconds() + 59) / 60);
        };
        return new Money(unitCost.amount().multiply(BigDecimal.valueOf(units)), unitCost.currency());
    }
}
