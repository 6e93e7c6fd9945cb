package io.cadencerules.examples;

import io.cadencerules.channel.Channel;
import io.cadencerules.journey.JourneyStatus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link CollectionSimulation} run produced. Two runs with the same configuration give equal
 * summaries; wall time is deliberately not part of it.
 *
 * @param config             what was simulated
 * @param highBalance        customers tagged "high-balance"
 * @param portfolio          sum of the debts, BRL
 * @param recovered          full and partial payments received, BRL
 * @param journeysByStatus   journeys by their status at the end, every status present
 * @param contactsPerChannel contacts the channels accepted, every channel present
 * @param stops              journeys and conversions by the last contact sent ({@code Journey.stoppedAt()} and channel)
 * @param skipped            step decisions that skipped the contact, by "step (reason)"
 * @param responses          the synthetic answers that reached the engine
 */
public record SimulationSummary(CollectionSimulation.Config config, int highBalance, BigDecimal portfolio,
                                BigDecimal recovered, Map<JourneyStatus, Integer> journeysByStatus,
                                Map<Channel, Integer> contactsPerChannel, List<StopRow> stops,
                                Map<String, Integer> skipped, Responses responses) {

    /** Row key of journeys that never got a contact. */
    public static final String NO_CONTACT = "(no contact sent)";

    public SimulationSummary {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(portfolio, "portfolio");
        Objects.requireNonNull(recovered, "recovered");
        Objects.requireNonNull(responses, "responses");
        journeysByStatus = Map.copyOf(journeysByStatus);
        contactsPerChannel = Map.copyOf(contactsPerChannel);
        stops = List.copyOf(stops);
        skipped = Map.copyOf(skipped);
    }

    /**
     * Journeys that stopped at one step: the last contact they were sent.
     *
     * @param stoppedAt "step via CHANNEL", or {@link #NO_CONTACT}
     * @param journeys  journeys whose last contact this was
     * @param converted of those, journeys that ended converted
     */
    public record StopRow(String stoppedAt, int journeys, int converted) {
    }

    /**
     * The synthetic answers that the engine applied.
     *
     * @param handOffs        IVR key '1' presses (each hands the customer to an agent)
     * @param fullPayments    full payments (including kept promises)
     * @param promisesMade    promises to pay
     * @param promisesKept    promises paid in full by their date
     * @param promisesBroken  promises not paid (the journey resumes after the date)
     * @param partialPayments partial payments (the journey goes on)
     * @param afterEnd        answers not sent because the journey had already ended
     * @param rejectedEvents  events the engine rejected
     */
    public record Responses(int handOffs, int fullPayments, int promisesMade, int promisesKept, int promisesBroken,
                            int partialPayments, int afterEnd, int rejectedEvents) {
    }

    /** Journeys that ended converted. */
    public int converted() {
        return journeysByStatus.getOrDefault(JourneyStatus.CONVERTED, 0);
    }

    /** Converted journeys over customers, 0–1. */
    public double conversionRate() {
        return (double) converted() / config.customers();
    }

    /** Contacts on all channels. */
    public int totalContacts() {
        return contactsPerChannel.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The summary as a plain-text table. */
    public String toTable() {
        int n = config.customers();
        StringBuilder out = new StringBuilder();
        line(out, "Collection cadence simulation: %,d customers, %d days, seed %d", n, config.days(), config.seed());
        line(out, "Portfolio: %,d debts, BRL %s, %,d high-balance", n, money(portfolio), highBalance);
        out.append('\n');
        line(out, "%-34s %10s %8s", "Journeys by final status", "journeys", "share");
        for (JourneyStatus status : JourneyStatus.values()) {
            int count = journeysByStatus.getOrDefault(status, 0);
            line(out, "  %-32s %,10d %7.1f%%", status, count, percent(count, n));
        }
        out.append('\n');
        line(out, "%-34s %10s %8s", "Contacts per channel", "contacts", "per cust");
        for (Channel channel : Channel.values()) {
            int count = contactsPerChannel.getOrDefault(channel, 0);
            if (count > 0) {
                line(out, "  %-32s %,10d %8.2f", channel, count, (double) count / n);
            }
        }
        line(out, "  %-32s %,10d %8.2f", "total", totalContacts(), (double) totalContacts() / n);
        out.append('\n');
        line(out, "%-34s %10s %9s %8s", "Stopped at (last contact sent)", "journeys", "converted", "rate");
        for (StopRow row : stops) {
            line(out, "  %-32s %,10d %,9d %7.1f%%", row.stoppedAt(), row.journeys(), row.converted(),
                    percent(row.converted(), row.journeys()));
        }
        out.append('\n');
        line(out, "Responses");
        line(out, "  %-32s %,10d", "IVR key '1' -> agent hand-off", responses.handOffs());
        line(out, "  %-32s %,10d", "full payments", responses.fullPayments());
        line(out, "  %-32s %,10d", "promises to pay", responses.promisesMade());
        line(out, "  %-32s %,10d", "  kept", responses.promisesKept());
        line(out, "  %-32s %,10d", "  broken", responses.promisesBroken());
        line(out, "  %-32s %,10d", "partial payments", responses.partialPayments());
        line(out, "  %-32s %,10d", "answers after journey ended", responses.afterEnd());
        line(out, "  %-32s %,10d", "events rejected by the engine", responses.rejectedEvents());
        out.append('\n');
        line(out, "Skipped step decisions");
        if (skipped.isEmpty()) {
            line(out, "  none");
        }
        for (Map.Entry<String, Integer> entry : new TreeMap<>(skipped).entrySet()) {
            line(out, "  %-40s %,10d", entry.getKey(), entry.getValue());
        }
        out.append('\n');
        line(out, "Conversion rate: %.2f%% (%,d of %,d)", 100 * conversionRate(), converted(), n);
        line(out, "Recovered: BRL %s of BRL %s (%.1f%%)", money(recovered), money(portfolio),
                portfolio.signum() == 0 ? 0.0 : recovered.divide(portfolio, 6, RoundingMode.HALF_EVEN).doubleValue() * 100);
        return out.toString();
    }

    private static String money(BigDecimal amount) {
        return String.format(Locale.ROOT, "%,.2f", amount);
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0.0 : 100.0 * part / whole;
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
