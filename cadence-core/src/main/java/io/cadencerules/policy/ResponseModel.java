package io.cadencerules.policy;

import io.cadencerules.channel.Channel;
import io.cadencerules.engine.StepContext;

/**
 * How likely a contact is to convert, per channel: what the budget's cost-aware channel choice
 * weighs against the cost. Implementations: {@link ResponseTable} (channel × segment, as data) and
 * {@link LearnedResponseModel} (the table as a prior, moved by the journeys' own sends and conversions).
 */
@FunctionalInterface
public interface ResponseModel {

    /**
     * The probability, from 0 to 1, that the journey converts if this contact goes out on {@code channel}.
     *
     * @param contact the contact being decided (its customer, segments, cadence, step)
     * @param channel the channel considered, which may differ from the contact's current one
     */
    double probability(StepContext contact, Channel channel);
}
