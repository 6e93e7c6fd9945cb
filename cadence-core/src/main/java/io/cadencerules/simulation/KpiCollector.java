package io.cadencerules.simulation;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.cadence.Step;
import io.cadencerules.channel.Channel;
import io.cadencerules.engine.CadenceListener;
import io.cadencerules.event.SurveyAnswered;
import io.cadencerules.journey.HistoryEntry;
import io.cadencerules.journey.Journey;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Counts a run as it goes: the engine's history entries (through the listener) and the simulated people's
 * answers (told by the simulation), per variant, per step and channel, and per day. Single-threaded, as the
 * simulation is.
 */
final class KpiCollector implements CadenceListener {

    private final ToIntFunction<String> variantOf;
    private final Function<Journey, Cadence> cadenceOf;
    private final LocalDate firstDay;
    private final ZoneId zone;
    private final int days;
    private final Tally[] tallies;
    private final java.util.Set<String> offerCadences = new java.util.HashSet<>();

    KpiCollector(int variants, ToIntFunction<String> variantOf, Function<Journey, Cadence> cadenceOf, LocalDate firstDay,
                 ZoneId zone, int days) {
        this.variantOf = variantOf;
        this.cadenceOf = cadenceOf;
        this.firstDay = firstDay;
        this.zone = zone;
        this.days = days;
        this.tallies = new Tally[variants];
        for (int v = 0; v < variants; v++) {
            tallies[v] = new Tally(days + 1);
        }
    }

    /** One step × channel of the funnel. */
    private static final class Row {
        long reached;
        long attempted;
        long sent;
        final Map<String, Long> blocked = new TreeMap<>();
        long deferred;
        long delivered;
        long responded;
        long converted;
        BigDecimal spend = BigDecimal.ZERO;
    }

    /** Everything counted for one variant. */
    private static final class Tally {
        long journeys;
        long converted;
        long contacts;
        long attempts;
        long calls;
        long callsAnswered;
        long delivered;
        long responded;
        long fullPayments;
        long partialPayments;
        long promises;
        long promisesKept;
        long optOuts;
        long offersMade;
        long offersAccepted;
        long csatAnswers;
        long csatPositive;
        long csatNegative;
        long npsAnswers;
        long promoters;
        long detractors;
        long fcrAnswers;
        long fcrSolved;
        BigDecimal portfolio = BigDecimal.ZERO;
        BigDecimal recovered = BigDecimal.ZERO;
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal spend = BigDecimal.ZERO;
        final Map<String, Row> rows = new HashMap<>();
        final Map<String, Long> blocked = new TreeMap<>();
        final long[][] dayContacts;
        final BigDecimal[] daySpend;
        final long[] dayConversions;
        final BigDecimal[] dayRecovered;

        Tally(int dayCount) {
            dayContacts = new long[dayCount][Channel.values().length];
            daySpend = new BigDecimal[dayCount];
            dayRecovered = new BigDecimal[dayCount];
            dayConversions = new long[dayCount];
            java.util.Arrays.fill(daySpend, BigDecimal.ZERO);
            java.util.Arrays.fill(dayRecovered, BigDecimal.ZERO);
        }

        Row row(String cadence, String step, Channel channel) {
            return rows.computeIfAbsent(cadence + '\u0000' + step + '\u0000' + channel.name(), k -> new Row());
        }
    }

    @Override
    public void onEntry(Journey journey, HistoryEntry entry) {
        int v = variantOf.applyAsInt(journey.customerId());
        if (v < 0) {
            return;
        }
        Tally t = tallies[v];
        String cadence = journey.cadenceId();
        switch (entry.kind()) {
            case ENROLLED -> {
                t.journeys++;
                journey.subject().value().ifPresent(value -> t.portfolio = t.portfolio.add(value.amount()));
            }
            case SENT -> {
                reached(t, journey, entry);
                Row row = t.row(cadence, entry.stepId(), entry.channel());
                row.attempted++;
                row.sent++;
                t.attempts++;
                t.contacts++;
                if (entry.channel().isCall()) {
                    t.calls++;
                }
                int day = day(entry.at());
                t.dayContacts[day][entry.channel().ordinal()]++;
                if (entry.cost() != null) {
                    row.spend = row.spend.add(entry.cost().amount());
                    t.spend = t.spend.add(entry.cost().amount());
                    t.daySpend[day] = t.daySpend[day].add(entry.cost().amount());
                }
            }
            case FAILED -> {
                reached(t, journey, entry);
                t.row(cadence, entry.stepId(), channel(journey, entry)).attempted++;
                t.attempts++;
            }
            case SKIPPED, BLOCKED, SUPPRESSED -> {
                if (entry.stepId() != null) {
                    reached(t, journey, entry);
                    t.row(cadence, entry.stepId(), channel(journey, entry)).blocked.merge(entry.reason(), 1L, Long::sum);
                    t.blocked.merge(entry.reason(), 1L, Long::sum);
                }
            }
            case DEFERRED -> {
                reached(t, journey, entry);
                t.row(cadence, entry.stepId(), channel(journey, entry)).deferred++;
            }
            case CONVERTED -> {
                t.converted++;
                if (offerCadences.contains(cadence)) {
                    t.offersAccepted++;
                }
                t.dayConversions[day(entry.at())]++;
                journey.lastContact().ifPresent(last -> t.row(cadence, last.stepId(), last.channel()).converted++);
            }
            default -> {
            }
        }
    }

    /** Counts the step as reached the first time the journey has a decision about it. */
    private void reached(Tally t, Journey journey, HistoryEntry entry) {
        List<HistoryEntry> history = journey.history();
        for (int i = history.size() - 2; i >= 0; i--) {
            HistoryEntry earlier = history.get(i);
            if (entry.stepId().equals(earlier.stepId()) && (earlier.kind().isStepDecision()
                    || earlier.kind() == HistoryEntry.Kind.SUPPRESSED)) {
                return;
            }
        }
        Step step = cadenceOf.apply(journey).step(entry.stepId()).orElse(null);
        Channel own = step == null ? channel(journey, entry) : step.channel();
        t.row(journey.cadenceId(), entry.stepId(), own).reached++;
    }

    private Channel channel(Journey journey, HistoryEntry entry) {
        if (entry.channel() != null) {
            return entry.channel();
        }
        return cadenceOf.apply(journey).step(entry.stepId()).map(Step::channel).orElse(Channel.SMS);
    }

    /** A message was delivered or a call answered. */
    void delivered(int v, String cadence, String step, Channel channel) {
        Tally t = tallies[v];
        t.delivered++;
        if (channel.isCall()) {
            t.callsAnswered++;
        }
        t.row(cadence, step, channel).delivered++;
    }

    /** The person answered a contact (reply, key, click, survey, payment, promise, purchase). */
    void responded(int v, String cadence, String step, Channel channel) {
        tallies[v].responded++;
        tallies[v].row(cadence, step, channel).responded++;
    }

    void optedOut(int v) {
        tallies[v].optOuts++;
    }

    void payment(int v, BigDecimal amount, boolean full, Instant at) {
        Tally t = tallies[v];
        if (full) {
            t.fullPayments++;
        } else {
            t.partialPayments++;
        }
        t.recovered = t.recovered.add(amount);
        int day = day(at);
        t.dayRecovered[day] = t.dayRecovered[day].add(amount);
    }

    void revenue(int v, BigDecimal amount, Instant at) {
        Tally t = tallies[v];
        t.revenue = t.revenue.add(amount);
        int day = day(at);
        t.dayRecovered[day] = t.dayRecovered[day].add(amount);
    }

    void promise(int v, boolean kept) {
        tallies[v].promises++;
        if (kept) {
            tallies[v].promisesKept++;
        }
    }

    void offer(int v, boolean accepted) {
        tallies[v].offersMade++;
        if (accepted) {
            tallies[v].offersAccepted++;
        }
    }

    /** Journeys of this cadence present an offer: their conversions count as offers accepted. */
    void offerCadence(String cadenceId) {
        offerCadences.add(cadenceId);
    }

    void offerMade(int v) {
        tallies[v].offersMade++;
    }

    void survey(int v, SurveyAnswered.Survey survey, int score) {
        Tally t = tallies[v];
        switch (survey) {
            case CSAT -> {
                t.csatAnswers++;
                t.csatPositive += score >= 4 ? 1 : 0;
                t.csatNegative += score <= 2 ? 1 : 0;
            }
            case NPS -> {
                t.npsAnswers++;
                t.promoters += score >= 9 ? 1 : 0;
                t.detractors += score <= 6 ? 1 : 0;
            }
            case FCR -> {
                t.fcrAnswers++;
                t.fcrSolved += score == 1 ? 1 : 0;
            }
        }
    }

    private int day(Instant at) {
        long day = ChronoUnit.DAYS.between(firstDay, at.atZone(zone).toLocalDate());
        return (int) Math.max(0, Math.min(days, day));
    }

    /**
     * One variant's part of the report.
     *
     * @param cadences the variant's cadences, in the order their steps are listed
     * @param journeys every journey of the variant, as they ended
     */
    SimulationReport.Variant variant(int v, String name, List<Cadence> cadences, int customers, List<Journey> journeys) {
        Tally t = tallies[v];
        Kpis.Counts counts = new Kpis.Counts(t.journeys, t.converted, t.contacts, t.attempts, t.calls, t.callsAnswered,
                t.delivered, t.responded, t.fullPayments, t.partialPayments, t.promises, t.promisesKept, t.optOuts,
                t.offersMade, t.offersAccepted, t.csatAnswers, t.csatPositive, t.csatNegative, t.npsAnswers, t.promoters,
                t.detractors, t.fcrAnswers, t.fcrSolved);
        Kpis kpis = Kpis.of(counts, t.portfolio, t.recovered, t.revenue, t.spend);

        List<SimulationReport.StepRow> funnel = new ArrayList<>();
        Map<String, Row> left = new HashMap<>(t.rows);
        for (Cadence cadence : cadences) {
            for (Step step : cadence.steps()) {
                for (Channel channel : Channel.values()) {
                    Row row = left.remove(cadence.id() + '\u0000' + step.id() + '\u0000' + channel.name());
                    if (row != null) {
                        funnel.add(stepRow(cadence.id(), step.id(), channel, row));
                    }
                }
            }
        }
        left.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String[] key = e.getKey().split("\u0000");
            funnel.add(stepRow(key[0], key[1], Channel.valueOf(key[2]), e.getValue()));
        });

        Map<String, long[]> stops = new LinkedHashMap<>();
        for (Journey journey : journeys.stream().sorted(Comparator.comparing(j -> j.id().toString())).toList()) {
            String at = journey.lastContact().map(c -> c.stepId() + " via " + c.channel()).orElse("(no contact)");
            long[] row = stops.computeIfAbsent(journey.cadenceId() + '\u0000' + at, k -> new long[2]);
            row[0]++;
            if (journey.status() == io.cadencerules.journey.JourneyStatus.CONVERTED) {
                row[1]++;
            }
        }
        List<SimulationReport.StopRow> stopRows = new ArrayList<>();
        stops.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String[] key = e.getKey().split("\u0000");
            stopRows.add(new SimulationReport.StopRow(key[0], key[1], e.getValue()[0], e.getValue()[1]));
        });

        List<SimulationReport.DayRow> daily = new ArrayList<>(days + 1);
        for (int d = 0; d <= days; d++) {
            Map<Channel, Long> contacts = new EnumMap<>(Channel.class);
            for (Channel channel : Channel.values()) {
                long n = t.dayContacts[d][channel.ordinal()];
                if (n > 0) {
                    contacts.put(channel, n);
                }
            }
            daily.add(new SimulationReport.DayRow(firstDay.plusDays(d), contacts, t.daySpend[d], t.dayConversions[d],
                    t.dayRecovered[d]));
        }
        List<String> ids = cadences.stream().map(c -> c.id() + "@" + c.version()).toList();
        return new SimulationReport.Variant(name, ids, customers, kpis, funnel, stopRows, t.blocked, daily);
    }

    private static SimulationReport.StepRow stepRow(String cadence, String step, Channel channel, Row row) {
        return new SimulationReport.StepRow(cadence, step, channel, row.reached, row.attempted, row.sent, row.blocked,
                row.deferred, row.delivered, row.responded, row.converted, row.spend);
    }
}
