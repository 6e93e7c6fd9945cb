package io.cadencerules.rules;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.channel.Channel;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;
import io.cadencerules.journey.JourneyStatus;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * A journey summary for rules: where it is, how many contacts it made (in all, per channel, in the
 * last 7 days), its last outcome, its segments and spend.
 */
public final class JourneyFact {

    private final Journey journey;
    private final Cadence cadence;
    private final Map<Channel, Integer> contactsByChannel = new EnumMap<>(Channel.class);
    private final int contacts;
    private final int contactsLast7Days;
    private final String lastOutcome;
    private final long daysFromAnchor;

    /** Summarizes a journey of a cadence as of {@code now}. */
    public JourneyFact(Journey journey, Cadence cadence, Instant now) {
        this.journey = journey;
        this.cadence = cadence;
        int total = 0;
        int recent = 0;
        String outcome = "";
        Instant weekAgo = now.minus(Duration.ofDays(7));
        for (HistoryEntry e : journey.history()) {
            if (e.kind() == HistoryEntry.Kind.SENT) {
                total++;
                contactsByChannel.merge(e.channel(), 1, Integer::sum);
                if (e.at().isAfter(weekAgo)) {
                    recent++;
                }
            } else if (e.kind() == HistoryEntry.Kind.EVENT) {
                outcome = e.reason();
            }
        }
        this.contacts = total;
        this.contactsLast7Days = recent;
        this.lastOutcome = outcome;
        this.daysFromAnchor = journey.anchorDate()
                .map(a -> ChronoUnit.DAYS.between(a, now.atZone(journey.zone()).toLocalDate())).orElse(0L);
    }

    public Journey getJourney() {
        return journey;
    }

    public String getId() {
        return journey.id().toString();
    }

    public String getCadenceId() {
        return journey.cadenceId();
    }

    /** COLLECTION, SALES, RELATIONSHIP or a custom kind. */
    public String getKind() {
        return cadence.kind().name();
    }

    /** COLLECTION, MARKETING or TRANSACTIONAL. */
    public String getPurpose() {
        return cadence.purpose().name();
    }

    public int getPriority() {
        return cadence.priority();
    }

    public JourneyStatus getStatus() {
        return journey.status();
    }

    /** Days from day zero to today in the customer's zone (negative before it). */
    public long getDaysFromAnchor() {
        return daysFromAnchor;
    }

    public int getContacts() {
        return contacts;
    }

    /** Contacts sent on a channel, by name ("SMS", "VOICE_BLAST"…). */
    public int contactsVia(String channel) {
        return contactsByChannel.getOrDefault(Channel.valueOf(channel), 0);
    }

    public int getContactsLast7Days() {
        return contactsLast7Days;
    }

    /** The last contact's channel name, or empty. */
    public String getLastChannel() {
        return journey.lastChannel().map(Channel::name).orElse("");
    }

    /** The last contacted step, or empty. */
    public String getLastStep() {
        return journey.stoppedAt().orElse("");
    }

    /** The reason code of the last event, e.g. "key-pressed", "payment-received"; empty if none. */
    public String getLastOutcome() {
        return lastOutcome;
    }

    public Set<String> getSegments() {
        return journey.segments();
    }

    public BigDecimal getSpent() {
        return journey.spend().map(m -> m.amount()).orElse(BigDecimal.ZERO);
    }

    @Override
    public String toString() {
        return "Journey " + journey.id();
    }
}
