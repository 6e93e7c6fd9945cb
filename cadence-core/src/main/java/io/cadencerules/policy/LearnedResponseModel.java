package io.cadencerules.policy;

import io.cadencerules.channel.Channel;
import io.cadencerules.engine.CadenceListener;
import io.cadencerules.engine.StepContext;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link ResponseModel} that learns from the journeys' history: per cadence and channel it counts
 * contacts sent and conversions, a conversion being credited to the channel of the journey's last
 * contact before it. The probability is the prior's, moved toward the observed rate as evidence
 * grows: {@code (conversions + k·p0) / (sends + k)}, with {@code p0} from the prior model and
 * {@code k} the prior's weight in pseudo-contacts.
 *
 * <p>Feed it by registering it as a listener ({@code builder.listener(model)}), or from stored
 * journeys with {@link #learnFrom(Journey)} (not both for the same journeys: they would count twice).
 * Thread-safe; the counts do not depend on the order in which entries arrive, so the model is
 * deterministic for a given history.
 */
public final class LearnedResponseModel implements ResponseModel, CadenceListener {

    private final ResponseModel prior;
    private final double priorWeight;
    private final Map<Key, long[]> counts = new HashMap<>();

    private record Key(String cadenceId, Channel channel) {
    }

    /**
     * Sends and conversions counted for a cadence and channel.
     *
     * @param sends       contacts sent
     * @param conversions conversions whose last contact was on the channel
     */
    public record Counts(long sends, long conversions) {
        public Counts {
            if (sends < 0 || conversions < 0) {
                throw new IllegalArgumentException("counts must not be negative, but were " + sends + " sends and "
                        + conversions + " conversions");
            }
        }
    }

    /**
     * A model that starts from {@code prior}.
     *
     * @param prior       the probabilities before any evidence (e.g. a {@link ResponseTable})
     * @param priorWeight how many contacts the prior is worth, positive: the larger, the slower it moves
     */
    public LearnedResponseModel(ResponseModel prior, double priorWeight) {
        this.prior = Objects.requireNonNull(prior, "prior");
        if (!(priorWeight > 0) || Double.isInfinite(priorWeight)) {
            throw new IllegalArgumentException("learned response model prior weight must be positive, but was " + priorWeight);
        }
        this.priorWeight = priorWeight;
    }

    /** {@code (conversions + k·p0) / (sends + k)} for the contact's cadence and the channel, at most 1. */
    @Override
    public double probability(StepContext contact, Channel channel) {
        double p0 = prior.probability(contact, channel);
        Counts seen = counts(contact.cadence().id(), channel);
        return Math.min(1.0, (seen.conversions() + priorWeight * p0) / (seen.sends() + priorWeight));
    }

    /** Counts a contact sent, or a conversion for the channel of the journey's last contact. */
    @Override
    public void onEntry(Journey journey, HistoryEntry entry) {
        if (entry.kind() == HistoryEntry.Kind.SENT && entry.channel() != null) {
            add(journey.cadenceId(), entry.channel(), 1, 0);
        } else if (entry.kind() == HistoryEntry.Kind.CONVERTED) {
            journey.lastChannel().ifPresent(channel -> add(journey.cadenceId(), channel, 0, 1));
        }
    }

    /** Counts every contact sent in a journey's history and, if it converted, the conversion. */
    public void learnFrom(Journey journey) {
        Channel last = null;
        for (HistoryEntry entry : journey.history()) {
            if (entry.kind() == HistoryEntry.Kind.SENT && entry.channel() != null) {
                add(journey.cadenceId(), entry.channel(), 1, 0);
                last = entry.channel();
            } else if (entry.kind() == HistoryEntry.Kind.CONVERTED && last != null) {
                add(journey.cadenceId(), last, 0, 1);
            }
        }
    }

    /** What has been counted for a cadence and channel. */
    public synchronized Counts counts(String cadenceId, Channel channel) {
        long[] c = counts.get(new Key(cadenceId, channel));
        return c == null ? new Counts(0, 0) : new Counts(c[0], c[1]);
    }

    private synchronized void add(String cadenceId, Channel channel, long sends, long conversions) {
        long[] c = counts.computeIfAbsent(new Key(cadenceId, channel), k -> new long[2]);
        c[0] += sends;
        c[1] += conversions;
    }
}
