package io.cadencerules.simulation;

import io.cadencerules.channel.Channel;
import io.cadencerules.simulation.SimulationReport.DayRow;
import io.cadencerules.simulation.SimulationReport.StepRow;
import io.cadencerules.simulation.SimulationReport.StopRow;
import io.cadencerules.simulation.SimulationReport.Variant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Renders a {@link SimulationReport} as one self-contained HTML page: the run's header, the KPIs, a funnel
 * chart per variant, the daily contacts by channel, the daily spend and conversions, a champion/challenger
 * comparison when there are two variants, and where journeys stopped and why contacts were blocked.
 *
 * <p>The page needs no network: its style is inline and its charts are SVG drawn here, without scripts,
 * fonts or images from elsewhere. Every text that comes from the report (cadence, step, variant and reason
 * names) is escaped. The markup is well-formed XML (every element closed, attributes quoted) and the same
 * report always gives the same bytes, so a page can be diffed or checked into a repository.
 *
 * <pre>{@code
 * ReportHtml.write(report, Path.of("target/simulation/report.html"));
 * }</pre>
 */
public final class ReportHtml {

    /** Shown for a value that does not apply (a rate whose denominator is zero). */
    static final String DASH = "\u2014";

    private ReportHtml() {
    }

    /**
     * The report as a complete HTML page.
     *
     * @param report the report to render
     * @return the page, starting with {@code <!DOCTYPE html>}
     */
    public static String render(SimulationReport report) {
        Objects.requireNonNull(report, "report");
        return new Page(report).html();
    }

    /**
     * Writes the report's page to a file in UTF-8, creating its parent directories, replacing the file if
     * it exists.
     *
     * @param report the report to render
     * @param file   where to write it
     * @throws UncheckedIOException when the file or its directories cannot be written
     */
    public static void write(SimulationReport report, Path file) {
        Objects.requireNonNull(file, "file");
        String html = render(report);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HTML report to " + file, e);
        }
    }

    /**
     * Escapes text for an HTML (and XML) element body or quoted attribute value. Characters XML does not
     * allow (control characters other than tab and line ends) become U+FFFD; null becomes the empty string.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
                    out.append(control || c == '\uFFFE' || c == '\uFFFF' ? '\uFFFD' : c);
                }
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- formatting

    /** A count with grouping: {@code 12,345}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A number with grouping and a fixed number of decimals; never {@code -0.0}. */
    static String fixed(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return DASH;
        }
        return positiveZero(String.format(Locale.ROOT, "%,." + decimals + "f", value));
    }

    /** A percentage with one decimal, or the dash when null. */
    static String rate(Double value) {
        return value == null || !Double.isFinite(value) ? DASH : fixed(value, 1) + "%";
    }

    /** An amount with grouping, two decimals and the currency code, or the dash when null. */
    static String money(BigDecimal value, String currency) {
        return value == null ? DASH : positiveZero(String.format(Locale.ROOT, "%,.2f", value)) + " " + currency;
    }

    private static String positiveZero(String formatted) {
        if (formatted.startsWith("-") && formatted.chars().noneMatch(c -> c >= '1' && c <= '9')) {
            return formatted.substring(1);
        }
        return formatted;
    }

    /** An SVG coordinate: one decimal, no grouping. */
    private static String at(double value) {
        return positiveZero(String.format(Locale.ROOT, "%.1f", value));
    }

    /** The text cut to {@code max} code points, with an ellipsis when cut (for chart labels; tables show it whole). */
    static String clip(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, Math.max(1, max - 1))) + "\u2026";
    }

    /** {@code part ÷ whole × 100}, or null when {@code whole} is not positive. */
    private static Double share(double part, double whole) {
        return whole > 0 ? 100.0 * part / whole : null;
    }

    // ---------------------------------------------------------------- what is shown

    private enum Kind { RATE, SCORE, COUNT, MONEY }

    private record Kpi(String label, Kind kind, Function<Kpis, Object> value) {
    }

    private static final List<Kpi> KPIS = List.of(
            new Kpi("Journeys", Kind.COUNT, k -> k.counts().journeys()),
            new Kpi("Converted", Kind.COUNT, k -> k.counts().converted()),
            new Kpi("Conversion rate", Kind.RATE, Kpis::conversionRate),
            new Kpi("Answer rate", Kind.RATE, Kpis::answerRate),
            new Kpi("Delivery rate", Kind.RATE, Kpis::deliveryRate),
            new Kpi("Response rate", Kind.RATE, Kpis::responseRate),
            new Kpi("Opt-out rate", Kind.RATE, Kpis::optOutRate),
            new Kpi("Contacts", Kind.COUNT, k -> k.counts().contacts()),
            new Kpi("Spend", Kind.MONEY, Kpis::spend),
            new Kpi("Cost per contact", Kind.MONEY, Kpis::costPerContact),
            new Kpi("Cost per conversion", Kind.MONEY, Kpis::costPerConversion),
            new Kpi("Recovered", Kind.MONEY, Kpis::recovered),
            new Kpi("Revenue", Kind.MONEY, Kpis::revenue),
            new Kpi("Cost to collect", Kind.RATE, Kpis::costToCollect),
            new Kpi("Cure rate", Kind.RATE, Kpis::cureRate),
            new Kpi("Offer response rate", Kind.RATE, Kpis::offerResponseRate),
            new Kpi("CSAT", Kind.RATE, Kpis::csat),
            new Kpi("DSAT", Kind.RATE, Kpis::dsat),
            new Kpi("NPS", Kind.SCORE, Kpis::nps),
            new Kpi("FCR", Kind.RATE, Kpis::fcr));

    private static final Set<String> CARDS = Set.of("Conversion rate", "Response rate", "Contacts", "Spend",
            "Cost per conversion", "Recovered", "Revenue");

    /** The rates the champion/challenger chart puts side by side (all on the same 0–100 scale). */
    private static final List<String> COMPARED_RATES = List.of("Conversion rate", "Answer rate", "Delivery rate",
            "Response rate", "Opt-out rate", "Cure rate", "Offer response rate", "CSAT", "FCR");

    private record Metric(String label, String colour, ToLongFunction<StepRow> value) {
    }

    private static final List<Metric> FUNNEL = List.of(
            new Metric("reached", "#9ecae1", StepRow::reached),
            new Metric("attempted", "#6baed6", StepRow::attempted),
            new Metric("sent", "#4292c6", StepRow::sent),
            new Metric("delivered", "#2171b5", StepRow::delivered),
            new Metric("responded", "#08519c", StepRow::responded),
            new Metric("converted", "#009e73", StepRow::converted),
            new Metric("blocked", "#d55e00", StepRow::blockedTotal));

    /** The champion's colour, then the challenger's. */
    private static final List<String> VARIANT_COLOURS = List.of("#0072b2", "#e69f00");

    private static final String SPEND_COLOUR = "#9ecae1";
    private static final String CONVERSIONS_COLOUR = "#d55e00";
    private static final String RECOVERED_COLOUR = "#009e73";

    /** Colour-blind-safe colours, one per channel. */
    static String colour(Channel channel) {
        return switch (channel) {
            case EMAIL -> "#0072b2";
            case SMS -> "#e69f00";
            case TWO_WAY_SMS -> "#8c6d1f";
            case WHATSAPP -> "#009e73";
            case VOICE_BLAST -> "#56b4e9";
            case OUTBOUND_IVR -> "#d55e00";
            case AGENT -> "#cc79a7";
        };
    }

    private static final String STYLE = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;"
                    + "color:#222;background:#fff;margin:0 auto;max-width:1000px;padding:24px;line-height:1.4}",
            "h1{font-size:24px;margin:0 0 12px}",
            "h2{font-size:18px;margin:36px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}",
            "h3{font-size:15px;margin:18px 0 6px}",
            "p.note{color:#555;font-size:13px;margin:4px 0}",
            "table{border-collapse:collapse;margin:8px 0;font-size:13px}",
            "th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}",
            "th{background:#f5f5f5;font-weight:600}",
            "th.n,td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
            "div.wide{overflow-x:auto}",
            "table.funnel{font-size:12px}",
            "table.funnel th,table.funnel td{white-space:nowrap;padding:3px 5px}",
            "td.reasons{color:#444}",
            "table.meta th{background:none;border:none;color:#555;font-weight:normal;padding:2px 12px 2px 0}",
            "table.meta td{border:none;padding:2px 0}",
            ".cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}",
            ".card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:130px}",
            ".card .label{font-size:12px;color:#555}",
            ".card .value{font-size:20px;font-weight:600;font-variant-numeric:tabular-nums}",
            ".card .pair{font-size:13px;font-variant-numeric:tabular-nums;white-space:nowrap}",
            ".card .pair b{font-size:16px}",
            ".key{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}",
            "svg{display:block;max-width:100%;height:auto;margin:8px 0}",
            "svg text{font-family:inherit;font-size:11px;fill:#333}",
            "svg text.title{font-size:13px;font-weight:600}",
            "svg text.muted{fill:#666}");

    // ---------------------------------------------------------------- the page

    /** One rendering: the report and the buffer it is written to. */
    private static final class Page {

        private static final double WIDTH = 960;

        private final SimulationReport report;
        private final List<Variant> variants;
        private final String currency;
        private final StringBuilder out = new StringBuilder(64 * 1024);

        Page(SimulationReport report) {
            this.report = report;
            this.variants = report.variants();
            this.currency = report.currency();
        }

        String html() {
            out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                    .append("<title>").append(escape(report.title())).append(" \u2014 simulation</title>\n")
                    .append("<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n");
            header();
            keyFigures();
            if (variants.size() > 1) {
                comparison();
            }
            funnel();
            dailyContacts();
            dailySpend();
            stops();
            blocked();
            out.append("</body>\n</html>\n");
            return out.toString();
        }

        private boolean twoVariants() {
            return variants.size() > 1;
        }

        // ------------------------------------------------------------ header and KPIs

        private void header() {
            out.append("<header>\n<h1>").append(escape(report.title())).append("</h1>\n<table class=\"meta\">\n");
            meta("Seed", Long.toString(report.seed()));
            meta("Customers", count(report.customers()));
            meta("Days", count(report.days()));
            meta("First day", report.firstDay().toString());
            meta("Zone", report.zone());
            meta("Currency", report.currency());
            out.append("</table>\n<table id=\"variants\">\n<tr><th>Variant</th><th>Cadences</th><th class=\"n\">Customers</th></tr>\n");
            for (int i = 0; i < variants.size(); i++) {
                Variant v = variants.get(i);
                out.append("<tr><td>").append(key(i)).append(escape(v.name())).append("</td><td>")
                        .append(escape(String.join(", ", v.cadences()))).append("</td><td class=\"n\">")
                        .append(count(v.customers())).append("</td></tr>\n");
            }
            out.append("</table>\n</header>\n");
        }

        private void meta(String label, String value) {
            out.append("<tr><th>").append(label).append("</th><td>").append(escape(value)).append("</td></tr>\n");
        }

        /** A colour key for variant {@code i}, shown only in a two-variant report. */
        private String key(int i) {
            return twoVariants() ? "<span class=\"key\" style=\"background:" + VARIANT_COLOURS.get(i) + "\"></span>" : "";
        }

        private List<Kpi> shownKpis() {
            return KPIS.stream().filter(k -> variants.stream().anyMatch(v -> k.value().apply(v.kpis()) != null)).toList();
        }

        private String value(Kpi kpi, Variant variant) {
            Object value = kpi.value().apply(variant.kpis());
            return switch (kpi.kind()) {
                case RATE -> rate((Double) value);
                case SCORE -> value == null ? DASH : fixed((Double) value, 1);
                case COUNT -> count((Long) value);
                case MONEY -> money((BigDecimal) value, currency);
            };
        }

        /** Challenger minus champion: points for rates and scores, relative percent for counts and money. */
        private String difference(Kpi kpi) {
            Object a = kpi.value().apply(variants.get(0).kpis());
            Object b = kpi.value().apply(variants.get(1).kpis());
            if (a == null || b == null) {
                return DASH;
            }
            return switch (kpi.kind()) {
                case RATE -> signed((Double) b - (Double) a, 1) + " pp";
                case SCORE -> signed((Double) b - (Double) a, 1) + " pts";
                case COUNT, MONEY -> {
                    double from = ((Number) a).doubleValue();
                    double to = ((Number) b).doubleValue();
                    if (from == 0) {
                        yield to == 0 ? "0.0%" : DASH;
                    }
                    yield signed((to - from) / Math.abs(from) * 100, 1) + "%";
                }
            };
        }

        private static String signed(double value, int decimals) {
            String text = fixed(value, decimals);
            return text.startsWith("-") || text.chars().noneMatch(c -> c >= '1' && c <= '9') ? text : "+" + text;
        }

        /** Recovered and revenue cards are left out when nothing was received (the table still shows them). */
        private boolean isTotalThatIsZeroEverywhere(Kpi kpi) {
            return (kpi.label().equals("Recovered") || kpi.label().equals("Revenue"))
                    && variants.stream().allMatch(v -> ((BigDecimal) kpi.value().apply(v.kpis())).signum() == 0);
        }

        private void keyFigures() {
            List<Kpi> shown = shownKpis();
            out.append("<section id=\"kpis\">\n<h2>Key figures</h2>\n<div class=\"cards\">\n");
            for (Kpi kpi : shown) {
                if (!CARDS.contains(kpi.label()) || isTotalThatIsZeroEverywhere(kpi)) {
                    continue;
                }
                out.append("<div class=\"card\"><div class=\"label\">").append(kpi.label()).append("</div>");
                if (twoVariants()) {
                    for (int i = 0; i < variants.size(); i++) {
                        out.append("<div class=\"pair\">").append(key(i)).append("<b>")
                                .append(value(kpi, variants.get(i))).append("</b></div>");
                    }
                } else {
                    out.append("<div class=\"value\">").append(value(kpi, variants.get(0))).append("</div>");
                }
                out.append("</div>\n");
            }
            out.append("</div>\n<table id=\"kpi-table\">\n<tr><th>KPI</th>");
            for (int i = 0; i < variants.size(); i++) {
                out.append("<th class=\"n\">").append(key(i)).append(escape(variants.get(i).name())).append("</th>");
            }
            if (twoVariants()) {
                out.append("<th class=\"n\">Difference</th>");
            }
            out.append("</tr>\n");
            for (Kpi kpi : shown) {
                out.append("<tr><td>").append(kpi.label()).append("</td>");
                for (Variant v : variants) {
                    out.append("<td class=\"n\">").append(value(kpi, v)).append("</td>");
                }
                if (twoVariants()) {
                    out.append("<td class=\"n\">").append(difference(kpi)).append("</td>");
                }
                out.append("</tr>\n");
            }
            out.append("</table>\n");
            if (twoVariants()) {
                out.append("<p class=\"note\">Difference: challenger minus champion, in percentage points (pp) for ")
                        .append("rates, points for NPS, and relative to the champion for counts and amounts.</p>\n");
            }
            out.append("</section>\n");
        }

        // ------------------------------------------------------------ champion vs challenger

        private void comparison() {
            List<Kpi> rates = shownKpis().stream().filter(k -> COMPARED_RATES.contains(k.label())).toList();
            double labelW = 140;
            double valueW = 64;
            double barH = 16;
            double groupH = 2 * barH + 2 + 14;
            double top = 34;
            double plotH = Math.max(1, rates.size()) * groupH;
            double height = top + plotH + 24;
            double plotW = WIDTH - labelW - valueW;
            double max = 0;
            for (Kpi kpi : rates) {
                for (Variant v : variants) {
                    Double r = (Double) kpi.value().apply(v.kpis());
                    if (r != null && Double.isFinite(r)) {
                        max = Math.max(max, r);
                    }
                }
            }
            Axis axis = Axis.of(max, false);
            out.append("<section id=\"comparison\">\n<h2>Champion vs challenger</h2>\n");
            Svg svg = new Svg(WIDTH, height, "main rates of both variants side by side");
            legend(svg, 0, 14, List.of(
                    new Legend(clip(variants.get(0).name(), 30), VARIANT_COLOURS.get(0), Mark.BOX),
                    new Legend(clip(variants.get(1).name(), 30), VARIANT_COLOURS.get(1), Mark.BOX)));
            for (int t = 0; t <= axis.ticks(); t++) {
                double x = labelW + axis.scale(t * axis.step(), plotW);
                svg.line(x, top - 4, x, top + plotH, "#e5e5e5", null);
                svg.text(x, top + plotH + 14, "middle", null, axis.label(t) + "%");
            }
            if (rates.isEmpty()) {
                svg.text(labelW + 8, top + 20, "start", "muted", "No rate applies to either variant.");
            }
            for (int r = 0; r < rates.size(); r++) {
                Kpi kpi = rates.get(r);
                double y = top + r * groupH;
                svg.text(labelW - 8, y + barH + 5, "end", null, kpi.label());
                for (int i = 0; i < 2; i++) {
                    Double value = (Double) kpi.value().apply(variants.get(i).kpis());
                    double by = y + i * (barH + 2);
                    double w = value == null ? 0 : axis.scale(value, plotW);
                    svg.rect(labelW, by, w, barH, VARIANT_COLOURS.get(i),
                            variants.get(i).name() + " \u00b7 " + kpi.label() + ": " + rate(value));
                    svg.text(labelW + w + 4, by + barH - 4, "start", null, rate(value));
                }
            }
            out.append(svg.close());
            out.append("</section>\n");
        }

        // ------------------------------------------------------------ funnel

        private void funnel() {
            out.append("<section id=\"funnel\">\n<h2>Funnel</h2>\n");
            out.append("<p class=\"note\">One group per step and channel (a step's own channel, a fallback or an agent ")
                    .append("hand-off); bars share one scale across ").append(twoVariants() ? "both variants" : "steps")
                    .append(".</p>\n");
            double gap = 32;
            int n = variants.size();
            double panelW = (WIDTH - gap * (n - 1)) / n;
            double labelW = 72;
            double valueW = 64;
            double barH = 12;
            double pitch = 15;
            double headH = 18;
            double groupH = headH + FUNNEL.size() * pitch + 12;
            double titleH = twoVariants() ? 24 : 0;
            long max = 0;
            int rows = 1;
            for (Variant v : variants) {
                rows = Math.max(rows, v.funnel().size());
                for (StepRow row : v.funnel()) {
                    for (Metric m : FUNNEL) {
                        max = Math.max(max, m.value().applyAsLong(row));
                    }
                }
            }
            double barMax = panelW - labelW - valueW;
            Svg svg = new Svg(WIDTH, titleH + rows * groupH, "funnel of every step");
            for (int i = 0; i < n; i++) {
                Variant v = variants.get(i);
                double x0 = i * (panelW + gap);
                if (twoVariants()) {
                    svg.rect(x0, 4, 10, 10, VARIANT_COLOURS.get(i), null);
                    svg.text(x0 + 16, 14, "start", "title", clip(v.name(), (int) (panelW / 8)));
                }
                if (v.funnel().isEmpty()) {
                    svg.text(x0, titleH + 14, "start", "muted", "No steps.");
                }
                boolean manyCadences = v.funnel().stream().map(StepRow::cadence).distinct().count() > 1;
                for (int r = 0; r < v.funnel().size(); r++) {
                    StepRow row = v.funnel().get(r);
                    double y = titleH + r * groupH;
                    String name = (manyCadences ? row.cadence() + " / " : "") + row.step() + " \u00b7 " + row.channel();
                    svg.text(x0, y + 13, "start", "title", clip(name, (int) (panelW / 7.5)));
                    for (int m = 0; m < FUNNEL.size(); m++) {
                        Metric metric = FUNNEL.get(m);
                        long value = metric.value().applyAsLong(row);
                        double by = y + headH + m * pitch;
                        double w = max == 0 ? 0 : barMax * value / max;
                        svg.text(x0 + labelW - 6, by + barH - 2, "end", "muted", metric.label());
                        svg.rect(x0 + labelW, by, w, barH, metric.colour(),
                                row.step() + " \u00b7 " + row.channel() + " \u00b7 " + metric.label() + ": " + count(value));
                        svg.text(x0 + labelW + w + 4, by + barH - 2, "start", null, count(value));
                    }
                }
            }
            out.append(svg.close());
            for (Variant v : variants) {
                funnelTable(v);
            }
            out.append("</section>\n");
        }

        private void funnelTable(Variant v) {
            if (twoVariants()) {
                out.append("<h3>").append(key(variants.indexOf(v))).append(escape(v.name())).append("</h3>\n");
            }
            // The cadence gets a column only when the variant ran several (the header lists them all).
            boolean manyCadences = v.funnel().stream().map(StepRow::cadence).distinct().count() > 1;
            out.append("<div class=\"wide\">\n<table class=\"funnel\">\n<tr>").append(manyCadences ? "<th>Cadence</th>" : "")
                    .append("<th>Step</th><th>Channel</th>");
            for (String h : List.of("Reached", "Attempted", "Sent", "Blocked", "Deferred", "Delivered", "Responded",
                    "Converted", "Spend")) {
                out.append("<th class=\"n\">").append(h).append("</th>");
            }
            out.append("<th>Blocked by reason</th></tr>\n");
            for (StepRow row : v.funnel()) {
                out.append("<tr>");
                if (manyCadences) {
                    out.append("<td>").append(escape(row.cadence())).append("</td>");
                }
                out.append("<td>").append(escape(row.step())).append("</td><td>").append(row.channel()).append("</td>");
                for (long value : new long[] {row.reached(), row.attempted(), row.sent(), row.blockedTotal(),
                        row.deferred(), row.delivered(), row.responded(), row.converted()}) {
                    out.append("<td class=\"n\">").append(count(value)).append("</td>");
                }
                out.append("<td class=\"n\">").append(money(row.spend(), currency)).append("</td><td class=\"reasons\">");
                List<Map.Entry<String, Long>> reasons = byCount(row.blocked());
                for (int i = 0; i < reasons.size(); i++) {
                    out.append(i == 0 ? "" : "<br/>").append(escape(reasons.get(i).getKey())).append(" ")
                            .append(count(reasons.get(i).getValue()));
                }
                out.append("</td></tr>\n");
            }
            if (v.funnel().isEmpty()) {
                out.append("<tr><td colspan=\"12\">No steps.</td></tr>\n");
            }
            out.append("</table>\n</div>\n");
        }

        /** Entries by count, largest first, then by key: the same order on every run. */
        private static List<Map.Entry<String, Long>> byCount(Map<String, Long> counts) {
            return counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .toList();
        }

        // ------------------------------------------------------------ daily charts

        private static final double LEFT = 64;
        private static final double RIGHT = 48;
        private static final double PLOT_H = 180;
        private static final double RECOVERED_H = 90;
        private static final double X_LABELS_H = 26;
        private static final double LEGEND_H = 24;

        /** Room above a plot: the variant's name in a two-variant report, else a margin for the top tick label. */
        private double panelTitleH() {
            return twoVariants() ? 26 : 10;
        }

        private void dailyContacts() {
            Set<Channel> used = EnumSet.noneOf(Channel.class);
            long max = 0;
            for (Variant v : variants) {
                for (DayRow day : v.daily()) {
                    max = Math.max(max, day.totalContacts());
                    day.contacts().forEach((channel, n) -> {
                        if (n > 0) {
                            used.add(channel);
                        }
                    });
                }
            }
            List<Channel> channels = List.copyOf(used);
            Axis axis = Axis.of(max, true);
            double panelH = panelTitleH() + PLOT_H + X_LABELS_H;
            out.append("<section id=\"daily-contacts\">\n<h2>Daily contacts by channel</h2>\n");
            out.append("<p class=\"note\">Contacts sent per day, stacked by channel").append(twoVariants() ? ", on one scale for both variants" : "")
                    .append(".</p>\n");
            Svg svg = new Svg(WIDTH, LEGEND_H + variants.size() * panelH, "contacts sent per day, by channel");
            List<Legend> legend = new ArrayList<>();
            for (Channel channel : channels) {
                legend.add(new Legend(channel.name(), colour(channel), Mark.BOX));
            }
            if (legend.isEmpty()) {
                svg.text(0, 14, "start", "muted", "No contacts were sent.");
            }
            legend(svg, 0, 14, legend);
            double plotW = WIDTH - LEFT - 16;
            for (int i = 0; i < variants.size(); i++) {
                Variant v = variants.get(i);
                double top = LEGEND_H + i * panelH + panelTitleH();
                panelTitle(svg, i, top);
                yAxis(svg, axis, top, PLOT_H, plotW, true, null);
                xAxis(svg, v.daily(), top + PLOT_H, plotW);
                double slot = plotW / Math.max(1, v.daily().size());
                double barW = Math.max(1, slot * 0.7);
                for (int d = 0; d < v.daily().size(); d++) {
                    DayRow day = v.daily().get(d);
                    double x = LEFT + slot * d + (slot - barW) / 2;
                    double base = top + PLOT_H;
                    for (Channel channel : channels) {
                        long n = day.contacts().getOrDefault(channel, 0L);
                        if (n <= 0) {
                            continue;
                        }
                        double h = axis.scale(n, PLOT_H);
                        svg.rect(x, base - h, barW, h, colour(channel), day.date() + " \u00b7 " + channel + ": " + count(n));
                        base -= h;
                    }
                }
            }
            out.append(svg.close()).append("</section>\n");
        }

        /**
         * Spend as bars (left axis) and conversions as a line (right axis); recovered amounts, when there are
         * any, get a plot of their own below, since payments usually dwarf the cost of the contacts.
         */
        private void dailySpend() {
            double maxSpend = 0;
            double maxRecovered = 0;
            long maxConversions = 0;
            for (Variant v : variants) {
                for (DayRow day : v.daily()) {
                    maxSpend = Math.max(maxSpend, day.spend().doubleValue());
                    maxRecovered = Math.max(maxRecovered, day.recovered().doubleValue());
                    maxConversions = Math.max(maxConversions, day.conversions());
                }
            }
            boolean recovered = maxRecovered > 0;
            Axis spend = Axis.of(maxSpend, false);
            Axis conversions = Axis.of(maxConversions, true);
            Axis recoveredAxis = Axis.of(maxRecovered, false, 2);
            double recoveredGap = 12;
            double panelH = panelTitleH() + PLOT_H + X_LABELS_H + (recovered ? recoveredGap + RECOVERED_H + X_LABELS_H : 0);
            out.append("<section id=\"daily-spend\">\n<h2>Daily spend and conversions</h2>\n");
            out.append("<p class=\"note\">Amounts in ").append(escape(currency)).append(twoVariants()
                    ? "; both variants share each scale." : ".").append("</p>\n");
            Svg svg = new Svg(WIDTH, LEGEND_H + variants.size() * panelH, "spend and conversions per day");
            List<Legend> legend = new ArrayList<>();
            legend.add(new Legend("Spend (left axis)", SPEND_COLOUR, Mark.BOX));
            legend.add(new Legend("Conversions (right axis)", CONVERSIONS_COLOUR, Mark.LINE));
            if (recovered) {
                legend.add(new Legend("Recovered (lower plot)", RECOVERED_COLOUR, Mark.LINE));
            }
            legend(svg, 0, 14, legend);
            double plotW = WIDTH - LEFT - RIGHT;
            for (int i = 0; i < variants.size(); i++) {
                List<DayRow> days = variants.get(i).daily();
                double top = LEGEND_H + i * panelH + panelTitleH();
                double bottom = top + PLOT_H;
                panelTitle(svg, i, top);
                yAxis(svg, spend, top, PLOT_H, plotW, true, null);
                yAxis(svg, conversions, top, PLOT_H, plotW, false, CONVERSIONS_COLOUR);
                xAxis(svg, days, bottom, plotW);
                double slot = plotW / Math.max(1, days.size());
                double barW = Math.max(1, slot * 0.7);
                for (int d = 0; d < days.size(); d++) {
                    DayRow day = days.get(d);
                    double h = spend.scale(day.spend().doubleValue(), PLOT_H);
                    svg.rect(LEFT + slot * d + (slot - barW) / 2, bottom - h, barW, h, SPEND_COLOUR,
                            day.date() + " \u00b7 spend: " + money(day.spend(), currency));
                }
                series(svg, days, bottom, slot, d -> conversions.scale(d.conversions(), PLOT_H), CONVERSIONS_COLOUR,
                        d -> "conversions: " + count(d.conversions()));
                if (recovered) {
                    double recoveredTop = bottom + X_LABELS_H + recoveredGap;
                    double recoveredBottom = recoveredTop + RECOVERED_H;
                    yAxis(svg, recoveredAxis, recoveredTop, RECOVERED_H, plotW, true, RECOVERED_COLOUR);
                    xAxis(svg, days, recoveredBottom, plotW);
                    series(svg, days, recoveredBottom, slot, d -> recoveredAxis.scale(d.recovered().doubleValue(), RECOVERED_H),
                            RECOVERED_COLOUR, d -> "recovered: " + money(d.recovered(), currency));
                }
            }
            out.append(svg.close()).append("</section>\n");
        }

        /** A line with a dot per day, each dot titled with its value; the dots are left out when days are too narrow. */
        private void series(Svg svg, List<DayRow> days, double bottom, double slot, ToDoubleFunction<DayRow> height,
                            String colour, Function<DayRow, String> title) {
            StringBuilder points = new StringBuilder();
            for (int d = 0; d < days.size(); d++) {
                double x = LEFT + slot * (d + 0.5);
                double y = bottom - height.applyAsDouble(days.get(d));
                points.append(d == 0 ? "" : " ").append(at(x)).append(',').append(at(y));
            }
            if (days.size() > 1) {
                svg.polyline(points.toString(), colour);
            }
            for (int d = 0; slot >= 6 && d < days.size(); d++) {
                DayRow day = days.get(d);
                svg.dot(LEFT + slot * (d + 0.5), bottom - height.applyAsDouble(day), colour,
                        day.date() + " \u00b7 " + title.apply(day));
            }
        }

        private void panelTitle(Svg svg, int i, double top) {
            if (twoVariants()) {
                svg.rect(0, top - 21, 10, 10, VARIANT_COLOURS.get(i), null);
                svg.text(16, top - 12, "start", "title", clip(variants.get(i).name(), 60));
            }
        }

        /** Tick labels of a vertical axis, on the left (with grid lines) or on the right of the plot. */
        private void yAxis(Svg svg, Axis axis, double top, double plotH, double plotW, boolean leftSide, String colour) {
            double x = leftSide ? LEFT - 6 : LEFT + plotW + 6;
            String anchor = leftSide ? "end" : "start";
            for (int t = 0; t <= axis.ticks(); t++) {
                double y = top + plotH - axis.scale(t * axis.step(), plotH);
                if (leftSide) {
                    svg.line(LEFT, y, LEFT + plotW, y, t == 0 ? "#999" : "#e5e5e5", null);
                }
                svg.text(x, y + 4, anchor, null, axis.label(t), colour);
            }
        }

        /** Day labels under a plot whose bottom is at {@code bottom}, thinned so that they never overlap. */
        private void xAxis(Svg svg, List<DayRow> days, double bottom, double plotW) {
            if (days.isEmpty()) {
                svg.text(LEFT + plotW / 2, bottom - 20, "middle", "muted", "No days.");
                return;
            }
            double slot = plotW / days.size();
            int every = (int) Math.ceil(days.size() / Math.max(1, Math.floor(plotW / 48)));
            for (int d = 0; d < days.size(); d += every) {
                var date = days.get(d).date();
                svg.text(LEFT + slot * (d + 0.5), bottom + 15, "middle", "muted",
                        String.format(Locale.ROOT, "%02d-%02d", date.getMonthValue(), date.getDayOfMonth()));
            }
        }

        private enum Mark { BOX, LINE }

        /** A legend entry drawn as a filled box or as a line. */
        private record Legend(String label, String colour, Mark mark) {
        }

        private static void legend(Svg svg, double x, double y, List<Legend> items) {
            double at = x;
            for (Legend item : items) {
                if (item.mark() == Mark.LINE) {
                    svg.line(at, y - 4, at + 16, y - 4, item.colour(), "stroke-width=\"2.5\"");
                    at += 20;
                } else {
                    svg.rect(at, y - 9, 10, 10, item.colour(), null);
                    at += 14;
                }
                svg.text(at, y, "start", null, item.label());
                at += item.label().length() * 6.5 + 18;
            }
        }

        // ------------------------------------------------------------ tables

        private void stops() {
            out.append("<section id=\"stops\">\n<h2>Where journeys stopped</h2>\n");
            out.append("<p class=\"note\">Journeys by their last contact sent.</p>\n");
            for (int i = 0; i < variants.size(); i++) {
                Variant v = variants.get(i);
                if (twoVariants()) {
                    out.append("<h3>").append(key(i)).append(escape(v.name())).append("</h3>\n");
                }
                out.append("<table class=\"stops\">\n<tr><th>Cadence</th><th>Stopped at</th><th class=\"n\">Journeys</th>")
                        .append("<th class=\"n\">Converted</th><th class=\"n\">Conversion rate</th></tr>\n");
                for (StopRow stop : v.stops()) {
                    out.append("<tr><td>").append(escape(stop.cadence())).append("</td><td>").append(escape(stop.stoppedAt()))
                            .append("</td><td class=\"n\">").append(count(stop.journeys())).append("</td><td class=\"n\">")
                            .append(count(stop.converted())).append("</td><td class=\"n\">")
                            .append(rate(share(stop.converted(), stop.journeys()))).append("</td></tr>\n");
                }
                if (v.stops().isEmpty()) {
                    out.append("<tr><td colspan=\"5\">No journeys.</td></tr>\n");
                }
                out.append("</table>\n");
            }
            out.append("</section>\n");
        }

        private void blocked() {
            Map<String, Long> totals = new TreeMap<>();
            for (Variant v : variants) {
                v.blocked().forEach((reason, n) -> totals.merge(reason, n, Long::sum));
            }
            out.append("<section id=\"blocked\">\n<h2>Blocked by reason</h2>\n");
            if (totals.isEmpty()) {
                out.append("<p class=\"note\">No contact was blocked.</p>\n</section>\n");
                return;
            }
            out.append("<p class=\"note\">Contacts not made (skipped, blocked, suppressed), over all steps.</p>\n");
            out.append("<table id=\"blocked-table\">\n<tr><th>Reason</th>");
            for (int i = 0; i < variants.size(); i++) {
                out.append("<th class=\"n\">").append(key(i)).append(escape(variants.get(i).name())).append("</th>");
            }
            out.append("</tr>\n");
            for (Map.Entry<String, Long> reason : byCount(totals)) {
                out.append("<tr><td>").append(escape(reason.getKey())).append("</td>");
                for (Variant v : variants) {
                    out.append("<td class=\"n\">").append(count(v.blocked().getOrDefault(reason.getKey(), 0L))).append("</td>");
                }
                out.append("</tr>\n");
            }
            out.append("</table>\n</section>\n");
        }
    }

    // ---------------------------------------------------------------- drawing

    /**
     * A value axis from zero: its top is the largest value rounded up to a whole number of "nice" steps
     * (1, 2, 2.5 or 5 times a power of ten), never zero, so scaling never divides by zero.
     */
    private record Axis(double max, double step) {

        static Axis of(double largest, boolean integers) {
            return of(largest, integers, 4);
        }

        /** An axis of about {@code intervals} steps (fewer for a short plot). */
        static Axis of(double largest, boolean integers, int intervals) {
            double value = Double.isFinite(largest) && largest > 0 ? largest : 1;
            double raw = value / intervals;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = 10 * magnitude;
            for (double factor : new double[] {1, 2, 2.5, 5}) {
                if (integers && factor == 2.5 && magnitude < 10) {
                    continue;
                }
                if (factor * magnitude >= raw - 1e-12) {
                    step = factor * magnitude;
                    break;
                }
            }
            if (integers) {
                step = Math.max(1, Math.ceil(step));
            }
            return new Axis(Math.ceil(value / step - 1e-9) * step, step);
        }

        int ticks() {
            return (int) Math.round(max / step);
        }

        double scale(double value, double length) {
            return Double.isFinite(value) && value > 0 ? value / max * length : 0;
        }

        String label(int tick) {
            int decimals = isWhole(step) ? 0 : isWhole(step * 10) ? 1 : 2;
            return fixed(tick * step, decimals);
        }

        private static boolean isWhole(double value) {
            return Math.abs(value - Math.rint(value)) < 1e-9;
        }
    }

    /** An SVG element being written; every text passes through {@link #escape}. */
    private static final class Svg {

        private final StringBuilder out = new StringBuilder(16 * 1024);

        Svg(double width, double height, String label) {
            out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(at(width)).append("\" height=\"")
                    .append(at(height)).append("\" viewBox=\"0 0 ").append(at(width)).append(' ').append(at(height))
                    .append("\" role=\"img\" aria-label=\"").append(escape(label)).append("\">\n");
        }

        void rect(double x, double y, double w, double h, String fill, String title) {
            out.append("<rect x=\"").append(at(x)).append("\" y=\"").append(at(y)).append("\" width=\"")
                    .append(at(Math.max(0, w))).append("\" height=\"").append(at(Math.max(0, h))).append("\" fill=\"")
                    .append(fill).append('"');
            titled(title, "rect");
        }

        void dot(double x, double y, String fill, String title) {
            out.append("<circle cx=\"").append(at(x)).append("\" cy=\"").append(at(y)).append("\" r=\"3\" fill=\"")
                    .append(fill).append('"');
            titled(title, "circle");
        }

        private void titled(String title, String element) {
            if (title == null) {
                out.append("/>\n");
            } else {
                out.append("><title>").append(escape(title)).append("</title></").append(element).append(">\n");
            }
        }

        void line(double x1, double y1, double x2, double y2, String stroke, String extra) {
            out.append("<line x1=\"").append(at(x1)).append("\" y1=\"").append(at(y1)).append("\" x2=\"").append(at(x2))
                    .append("\" y2=\"").append(at(y2)).append("\" stroke=\"").append(stroke).append('"');
            if (extra != null) {
                out.append(' ').append(extra);
            }
            out.append("/>\n");
        }

        void polyline(String points, String stroke) {
            out.append("<polyline points=\"").append(points).append("\" fill=\"none\" stroke=\"").append(stroke)
                    .append("\" stroke-width=\"2\"/>\n");
        }

        void text(double x, double y, String anchor, String cssClass, String text) {
            text(x, y, anchor, cssClass, text, null);
        }

        void text(double x, double y, String anchor, String cssClass, String text, String fill) {
            out.append("<text x=\"").append(at(x)).append("\" y=\"").append(at(y)).append("\" text-anchor=\"")
                    .append(anchor).append('"');
            if (cssClass != null) {
                out.append(" class=\"").append(cssClass).append('"');
            }
            if (fill != null) {
                out.append(" style=\"fill:").append(fill).append('"');
            }
            out.append('>').append(escape(text)).append("</text>\n");
        }

        String close() {
            return out.append("</svg>\n").toString();
        }
    }
}
