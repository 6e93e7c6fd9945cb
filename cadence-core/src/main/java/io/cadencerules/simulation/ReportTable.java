package io.cadencerules.simulation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** A {@link SimulationReport} as plain-text tables for the console: KPIs side by side, funnels, stops, blocks. */
public final class ReportTable {

    private ReportTable() {
    }

    /** One KPI line: its label and how to show it for a variant. */
    private record Line(String label, Function<SimulationReport.Variant, String> value) {
    }

    /** The whole report as text. */
    public static String render(SimulationReport report) {
        StringBuilder out = new StringBuilder();
        line(out, "%s: %,d customers, %d days from %s (%s), seed %d", report.title(), report.customers(), report.days(),
                report.firstDay(), report.zone(), report.seed());
        for (SimulationReport.Variant v : report.variants()) {
            line(out, "  %s: %,d customers, cadences %s", v.name(), v.customers(), String.join(", ", v.cadences()));
        }
        out.append('\n');
        kpis(out, report);
        for (SimulationReport.Variant v : report.variants()) {
            out.append('\n');
            funnel(out, v, report.currency());
            out.append('\n');
            line(out, "%s: where journeys stopped (last contact sent)", v.name());
            line(out, "  %-44s %10s %10s %7s", "cadence / stopped at", "journeys", "converted", "rate");
            for (SimulationReport.StopRow s : v.stops()) {
                line(out, "  %-44s %,10d %,10d %7s", s.cadence() + " / " + s.stoppedAt(), s.journeys(), s.converted(),
                        pct(Kpis.percent(s.converted(), s.journeys())));
            }
            if (!v.blocked().isEmpty()) {
                out.append('\n');
                line(out, "%s: contacts not made, by reason", v.name());
                for (Map.Entry<String, Long> b : new TreeMap<>(v.blocked()).entrySet()) {
                    line(out, "  %-44s %,10d", b.getKey(), b.getValue());
                }
            }
        }
        return out.toString();
    }

    private static void kpis(StringBuilder out, SimulationReport report) {
        String cur = report.currency();
        List<Line> lines = List.of(
                new Line("journeys", v -> count(v.kpis().counts().journeys())),
                new Line("converted", v -> count(v.kpis().counts().converted())),
                new Line("conversion rate", v -> pct(v.kpis().conversionRate())),
                new Line("contacts sent", v -> count(v.kpis().counts().contacts())),
                new Line("delivery rate", v -> pct(v.kpis().deliveryRate())),
                new Line("answer rate (calls)", v -> pct(v.kpis().answerRate())),
                new Line("response rate", v -> pct(v.kpis().responseRate())),
                new Line("opt-out rate", v -> pct(v.kpis().optOutRate())),
                new Line("portfolio " + cur, v -> money(v.kpis().portfolio())),
                new Line("recovered " + cur, v -> money(v.kpis().recovered())),
                new Line("revenue " + cur, v -> money(v.kpis().revenue())),
                new Line("spend " + cur, v -> money(v.kpis().spend())),
                new Line("cost per contact " + cur, v -> money(v.kpis().costPerContact())),
                new Line("cost per conversion " + cur, v -> money(v.kpis().costPerConversion())),
                new Line("cost to collect", v -> pct(v.kpis().costToCollect())),
                new Line("cure rate", v -> pct(v.kpis().cureRate())),
                new Line("promises (kept)", v -> count(v.kpis().counts().promises()) + " (" + count(v.kpis().counts().promisesKept()) + ")"),
                new Line("partial payments", v -> count(v.kpis().counts().partialPayments())),
                new Line("offer response rate", v -> pct(v.kpis().offerResponseRate())),
                new Line("CSAT", v -> pct(v.kpis().csat())),
                new Line("DSAT", v -> pct(v.kpis().dsat())),
                new Line("NPS", v -> number(v.kpis().nps())),
                new Line("FCR", v -> pct(v.kpis().fcr())));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-28s", "KPI"));
        for (SimulationReport.Variant v : report.variants()) {
            header.append(String.format(Locale.ROOT, " %16s", v.name()));
        }
        out.append(header).append('\n');
        for (Line l : lines) {
            List<String> values = new ArrayList<>();
            boolean any = false;
            for (SimulationReport.Variant v : report.variants()) {
                String value = l.value().apply(v);
                values.add(value);
                any |= !value.equals("—");
            }
            if (!any) {
                continue;
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-26s", l.label()));
            values.forEach(value -> row.append(String.format(Locale.ROOT, " %16s", value)));
            out.append(row).append('\n');
        }
    }

    private static void funnel(StringBuilder out, SimulationReport.Variant v, String currency) {
        int width = Math.max(26, v.funnel().stream().mapToInt(r -> label(r).length()).max().orElse(0));
        line(out, "%s: funnel per step and channel", v.name());
        line(out, "  %-" + width + "s %8s %8s %8s %8s %8s %9s %9s %9s %11s", "cadence / step via channel", "reached", "tried",
                "sent", "blocked", "deferred", "delivered", "responded", "converted", "spend " + currency);
        for (SimulationReport.StepRow r : v.funnel()) {
            line(out, "  %-" + width + "s %,8d %,8d %,8d %,8d %,8d %,9d %,9d %,9d %11s", label(r), r.reached(), r.attempted(),
                    r.sent(), r.blockedTotal(), r.deferred(), r.delivered(), r.responded(), r.converted(), money(r.spend()));
        }
    }

    private static String label(SimulationReport.StepRow r) {
        return r.cadence() + " / " + r.step() + " via " + r.channel();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String pct(Double rate) {
        return rate == null ? "—" : String.format(Locale.ROOT, "%.2f%%", rate);
    }

    private static String number(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String money(BigDecimal amount) {
        return amount == null ? "—" : String.format(Locale.ROOT, "%,.2f", amount);
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
