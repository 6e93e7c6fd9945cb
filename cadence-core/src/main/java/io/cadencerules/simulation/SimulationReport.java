package io.cadencerules.simulation;

import io.cadencerules.channel.Channel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a simulation produced, per variant (one, or a champion and a challenger): the KPIs, the funnel of
 * every step, where journeys stopped, why contacts were blocked, and a day-by-day series. A plain value:
 * the same seed and configuration give an equal report, and {@link ReportJson}, {@link ReportTable} and
 * {@link ReportHtml} render it. Wall time is deliberately not part of it.
 *
 * @param title     what was simulated
 * @param seed      the seed of every random draw
 * @param customers people simulated
 * @param days      virtual days run
 * @param firstDay  the first day, in {@code zone}
 * @param zone      the zone days are counted in
 * @param currency  the currency of every amount
 * @param variants  the variants, the champion first
 */
public record SimulationReport(String title, long seed, int customers, int days, LocalDate firstDay, String zone,
                               String currency, List<Variant> variants) {

    public SimulationReport {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(currency, "currency");
        variants = List.copyOf(variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one variant");
        }
    }

    /** An unmodifiable copy that iterates in key order, so renderings are the same in every JVM. */
    private static Map<String, Long> sorted(Map<String, Long> counts) {
        return Collections.unmodifiableMap(new TreeMap<>(counts));
    }

    /** The first variant. */
    public Variant champion() {
        return variants.get(0);
    }

    /** The second variant, in a champion/challenger run. */
    public Optional<Variant> challenger() {
        return variants.size() > 1 ? Optional.of(variants.get(1)) : Optional.empty();
    }

    /**
     * One variant's results.
     *
     * @param name      "champion", "challenger", or the run's single variant name
     * @param cadences  the cadence versions it ran, as {@code id@version}
     * @param customers people in it
     * @param kpis      its KPIs
     * @param funnel    one row per step and channel, in step order
     * @param stops     journeys by where they stopped (the last contact sent)
     * @param blocked   contacts not made, by reason code, over all steps
     * @param daily     one row per day, {@code days + 1} rows (the last day is partial when the run ends mid-day)
     */
    public record Variant(String name, List<String> cadences, int customers, Kpis kpis, List<StepRow> funnel,
                          List<StopRow> stops, Map<String, Long> blocked, List<DayRow> daily) {
        public Variant {
            Objects.requireNonNull(name, "name");
            cadences = List.copyOf(cadences);
            Objects.requireNonNull(kpis, "kpis");
            funnel = List.copyOf(funnel);
            stops = List.copyOf(stops);
            blocked = sorted(blocked);
            daily = List.copyOf(daily);
        }
    }

    /**
     * One step's funnel, for one channel (its own, a fallback, or an agent hand-off from its menu).
     *
     * @param cadence   the cadence id
     * @param step      the step id
     * @param channel   the channel
     * @param reached   journeys for which the step came due (counted on the step's own channel row)
     * @param attempted contacts handed to the channel adapter (sent or failed)
     * @param sent      contacts the adapter accepted
     * @param blocked   decisions not to contact (skipped, blocked, suppressed), by reason
     * @param deferred  deferrals (to a later time: closed hours, caps…)
     * @param delivered messages delivered or calls answered
     * @param responded answers: replies, key presses, clicks, survey answers, payments, promises, purchases
     * @param converted journeys that reached their goal with this as their last contact
     * @param spend     the cost of the contacts sent
     */
    public record StepRow(String cadence, String step, Channel channel, long reached, long attempted, long sent,
                          Map<String, Long> blocked, long deferred, long delivered, long responded, long converted,
                          BigDecimal spend) {
        public StepRow {
            blocked = sorted(blocked);
            Objects.requireNonNull(spend, "spend");
        }

        /** Contacts not made, over all reasons. */
        public long blockedTotal() {
            return blocked.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Journeys whose last contact was this one.
     *
     * @param cadence   the cadence id
     * @param stoppedAt "step via CHANNEL", or "(no contact)"
     * @param journeys  how many
     * @param converted of those, how many converted
     */
    public record StopRow(String cadence, String stoppedAt, long journeys, long converted) {
    }

    /**
     * One day.
     *
     * @param date        the day, in the report's zone
     * @param contacts    contacts sent that day, per channel (channels with none left out)
     * @param spend       what they cost
     * @param conversions journeys converted that day
     * @param recovered   payments (collection) and purchase values (other purposes) received that day
     */
    public record DayRow(LocalDate date, Map<Channel, Long> contacts, BigDecimal spend, long conversions, BigDecimal recovered) {
        public DayRow {
            Objects.requireNonNull(date, "date");
            contacts = contacts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(contacts));
            Objects.requireNonNull(spend, "spend");
            Objects.requireNonNull(recovered, "recovered");
        }

        /** Contacts over all channels. */
        public long totalContacts() {
            return contacts.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
