package io.cadencerules.simulation;

import io.cadencerules.channel.Channel;
import io.cadencerules.simulation.SimulationReport.DayRow;
import io.cadencerules.simulation.SimulationReport.StepRow;
import io.cadencerules.simulation.SimulationReport.StopRow;
import io.cadencerules.simulation.SimulationReport.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportHtmlTest {

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 3, 2);
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    // ------------------------------------------------------------ structure

    @Test
    void one_variant_page_parses_as_xml_and_has_three_charts() throws Exception {
        String html = ReportHtml.render(collection());

        assertThat(html).startsWith("<!DOCTYPE html>\n<html");
        Document page = parse(html);
        assertThat(page.getElementsByTagName("svg").getLength()).isEqualTo(3);
        assertThat(texts(page, "//section[@id='funnel']//*[local-name()='svg']")).hasSize(1);
        assertThat(texts(page, "//section[@id='daily-contacts']//*[local-name()='svg']")).hasSize(1);
        assertThat(texts(page, "//section[@id='daily-spend']//*[local-name()='svg']")).hasSize(1);
        assertThat(page.getElementById("comparison")).isNull();
        assertThat(texts(page, "//section[@id='comparison']")).isEmpty();
    }

    @Test
    void two_variant_page_adds_the_comparison_chart() throws Exception {
        Document page = parse(ReportHtml.render(championChallenger()));

        assertThat(page.getElementsByTagName("svg").getLength()).isEqualTo(4);
        assertThat(texts(page, "//section[@id='comparison']//*[local-name()='svg']")).hasSize(1);
        assertThat(texts(page, "//section[@id='comparison']//*[local-name()='text']"))
                .contains("champion", "challenger", "Conversion rate", "18.0%", "21.0%");
    }

    @Test
    void header_names_the_run_and_both_variants() throws Exception {
        Document page = parse(ReportHtml.render(championChallenger()));

        assertThat(texts(page, "//header//table[@class='meta']//tr")).containsExactly(
                "Seed42", "Customers2,000", "Days10", "First day2026-03-02", "ZoneAmerica/Sao_Paulo", "CurrencyBRL");
        assertThat(texts(page, "//table[@id='variants']//tr")).containsExactly(
                "VariantCadencesCustomers",
                "championcard-late@31,000",
                "challengercard-late@4, card-late-whatsapp@11,000");
    }

    @Test
    void references_nothing_outside_the_page() {
        for (SimulationReport report : List.of(collection(), championChallenger())) {
            String html = ReportHtml.render(report);

            assertThat(html.replace(SVG_NAMESPACE, "")).doesNotContain("http://", "https://");
            assertThat(html).doesNotContain("src=", "href=", "url(", "@import", "<script", "<link", "<img");
        }
    }

    // ------------------------------------------------------------ content

    @Test
    void shows_every_step_and_every_channel_that_sent_contacts() throws Exception {
        SimulationReport report = collection();
        Document page = parse(ReportHtml.render(report));

        List<String> funnelCells = texts(page, "//table[@class='funnel']//td");
        for (StepRow row : report.champion().funnel()) {
            assertThat(funnelCells).contains(row.step());
        }
        assertThat(texts(page, "//section[@id='funnel']//*[local-name()='text']"))
                .contains("d0-sms \u00b7 SMS", "d2-whatsapp \u00b7 WHATSAPP", "d2-whatsapp \u00b7 SMS", "d5-ivr \u00b7 OUTBOUND_IVR");
        List<String> legend = texts(page, "//section[@id='daily-contacts']//*[local-name()='text']");
        assertThat(legend).contains("SMS", "WHATSAPP", "OUTBOUND_IVR");
        assertThat(legend).doesNotContain("AGENT", "EMAIL");
    }

    @Test
    void funnel_bars_are_proportional_to_their_counts() throws Exception {
        Document page = parse(ReportHtml.render(collection()));

        double reached = width(page, "d0-sms \u00b7 SMS \u00b7 reached: 1,000");
        double sent = width(page, "d0-sms \u00b7 SMS \u00b7 sent: 950");
        double converted = width(page, "d0-sms \u00b7 SMS \u00b7 converted: 60");
        assertThat(reached).isGreaterThan(0);
        assertThat(sent / reached).isCloseTo(0.95, within(0.001));
        assertThat(converted / reached).isCloseTo(0.06, within(0.001));
        assertThat(width(page, "d10-agent \u00b7 AGENT \u00b7 converted: 0")).isZero();
    }

    @Test
    void stacked_daily_bars_add_up_to_the_days_total() throws Exception {
        Document page = parse(ReportHtml.render(collection()));

        double sms = height(page, "2026-03-10 \u00b7 SMS: 180");
        double whatsapp = height(page, "2026-03-10 \u00b7 WHATSAPP: 90");
        double ivr = height(page, "2026-03-10 \u00b7 OUTBOUND_IVR: 40");
        assertThat(whatsapp / sms).isCloseTo(0.5, within(0.01));
        assertThat(ivr / sms).isCloseTo(40.0 / 180, within(0.01));
        Element smsBar = bar(page, "2026-03-10 \u00b7 SMS: 180");
        Element whatsappBar = bar(page, "2026-03-10 \u00b7 WHATSAPP: 90");
        assertThat(Double.parseDouble(whatsappBar.getAttribute("y")) + whatsapp)
                .as("the WhatsApp segment sits on the SMS one")
                .isCloseTo(Double.parseDouble(smsBar.getAttribute("y")), within(0.2));
    }

    @Test
    void spend_chart_draws_recovered_only_when_something_was_recovered() throws Exception {
        Document collection = parse(ReportHtml.render(collection()));
        assertThat(texts(collection, "//section[@id='daily-spend']//*[local-name()='text']"))
                .contains("Spend (left axis)", "Conversions (right axis)", "Recovered (lower plot)");
        assertThat(texts(collection, "//section[@id='daily-spend']//*[local-name()='title']"))
                .contains("2026-03-04 \u00b7 spend: 120.00 BRL", "2026-03-04 \u00b7 conversions: 4",
                        "2026-03-04 \u00b7 recovered: 3,000.00 BRL");

        SimulationReport nothingRecovered = withDaily(collection(), days(10, false));
        assertThat(texts(parse(ReportHtml.render(nothingRecovered)), "//section[@id='daily-spend']//*[local-name()='text']"))
                .contains("Spend (left axis)", "Conversions (right axis)")
                .doesNotContain("Recovered (lower plot)");
    }

    @Test
    void kpi_table_formats_numbers_and_money_with_grouping_and_fixed_decimals() throws Exception {
        Document page = parse(ReportHtml.render(collection()));

        assertThat(kpiRow(page, "Contacts")).containsExactly("Contacts", "2,400");
        assertThat(kpiRow(page, "Conversion rate")).containsExactly("Conversion rate", "18.0%");
        assertThat(kpiRow(page, "Spend")).containsExactly("Spend", "1,234.50 BRL");
        assertThat(kpiRow(page, "Cost per conversion")).containsExactly("Cost per conversion", "6.86 BRL");
        assertThat(kpiRow(page, "Recovered")).containsExactly("Recovered", "123,456.78 BRL");
        assertThat(kpiRow(page, "Answer rate")).containsExactly("Answer rate", "30.0%");
    }

    @Test
    void kpis_that_apply_to_no_variant_are_hidden_and_a_missing_one_shows_a_dash() throws Exception {
        Document page = parse(ReportHtml.render(championChallenger()));

        List<String> labels = texts(page, "//table[@id='kpi-table']//tr/td[1]");
        assertThat(labels).contains("Conversion rate", "CSAT", "DSAT").doesNotContain("NPS", "FCR", "Offer response rate");
        assertThat(kpiRow(page, "CSAT")).containsExactly("CSAT", "80.0%", "\u2014", "\u2014");

        Document single = parse(ReportHtml.render(collection()));
        assertThat(texts(single, "//table[@id='kpi-table']//tr/td[1]")).contains("CSAT").doesNotContain("NPS", "FCR");
    }

    @Test
    void differences_are_points_for_rates_and_relative_for_money_and_counts() throws Exception {
        Document page = parse(ReportHtml.render(championChallenger()));

        assertThat(kpiRow(page, "Conversion rate")).containsExactly("Conversion rate", "18.0%", "21.0%", "+3.0 pp");
        assertThat(kpiRow(page, "Opt-out rate")).containsExactly("Opt-out rate", "0.5%", "0.4%", "-0.1 pp");
        assertThat(kpiRow(page, "Spend")).containsExactly("Spend", "1,234.50 BRL", "1,358.00 BRL", "+10.0%");
        assertThat(kpiRow(page, "Contacts")).containsExactly("Contacts", "2,400", "1,800", "-25.0%");
    }

    @Test
    void blocked_reasons_are_listed_largest_first_for_each_variant() throws Exception {
        Document page = parse(ReportHtml.render(championChallenger()));

        assertThat(texts(page, "//table[@id='blocked-table']//tr")).containsExactly(
                "Reasonchampionchallenger", "quiet-hours12080", "no-consent4060", "daily-cap100");
        assertThat(texts(page, "//table[@class='funnel']//td[@class='reasons']"))
                .contains("quiet-hours 30no-consent 10");
    }

    @Test
    void stop_rows_show_their_conversion_rate() throws Exception {
        Document page = parse(ReportHtml.render(collection()));

        assertThat(texts(page, "//table[@class='stops']//tr")).containsExactly(
                "CadenceStopped atJourneysConvertedConversion rate",
                "card-lated0-sms via SMS40012030.0%",
                "card-lated5-ivr via OUTBOUND_IVR5006012.0%",
                "card-late(no contact)10000.0%");
    }

    // ------------------------------------------------------------ escaping

    @Test
    void escape_replaces_markup_characters() {
        assertThat(ReportHtml.escape("<script>alert('x & y')</script> \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x &amp; y&#39;)&lt;/script&gt; &quot;q&quot;");
        assertThat(ReportHtml.escape("a\u0000b\u0007c\td\ne")).isEqualTo("a\uFFFDb\uFFFDc\td\ne");
        assertThat(ReportHtml.escape(null)).isEmpty();
        assertThat(ReportHtml.escape("plain text \u00e9")).isEqualTo("plain text \u00e9");
    }

    @Test
    void user_supplied_names_are_escaped_everywhere() throws Exception {
        String step = "<script>alert(1)</script> & d3";
        String reason = "cap<b>&amp;";
        String cadence = "\"evil\" cadence";
        SimulationReport report = collection();
        Variant v = report.champion();
        List<StepRow> funnel = new ArrayList<>(v.funnel());
        funnel.add(stepRow(cadence, step, Channel.EMAIL, 10, 8, Map.of(reason, 2L)));
        List<StopRow> stops = List.of(new StopRow(cadence, step + " via EMAIL", 5, 1));
        Variant hostile = new Variant("<i>variant</i>", List.of(cadence + "@1"), v.customers(), v.kpis(), funnel,
                stops, Map.of(reason, 2L), v.daily());
        SimulationReport hostileReport = new SimulationReport("A & B <test>", report.seed(), report.customers(),
                report.days(), report.firstDay(), report.zone(), report.currency(), List.of(hostile));

        String html = ReportHtml.render(hostileReport);

        assertThat(html).doesNotContain("<script", "<b>", "<i>", " & ");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; d3", "cap&lt;b&gt;&amp;amp;");
        Document page = parse(html);
        assertThat(texts(page, "//h1")).containsExactly("A & B <test>");
        assertThat(texts(page, "//table[@class='funnel']//td")).contains(step, cadence);
        assertThat(texts(page, "//table[@id='blocked-table']//td")).contains(reason);
        assertThat(texts(page, "//table[@class='stops']//td")).contains(step + " via EMAIL");
        assertThat(texts(page, "//table[@id='variants']//td")).contains("<i>variant</i>", cadence + "@1");
        assertThat(texts(page, "//section[@id='funnel']//*[local-name()='text']"))
                .anyMatch(t -> t.startsWith("\"evil\" cadence / <script>"));
    }

    // ------------------------------------------------------------ edge cases

    @Test
    void zero_counts_and_an_empty_daily_series_draw_empty_bars_without_dividing_by_zero() throws Exception {
        Kpis nothing = Kpis.of(counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO);
        List<StepRow> funnel = List.of(stepRow("c", "d0-sms", Channel.SMS, 0, 0, Map.of()),
                stepRow("c", "d1-email", Channel.EMAIL, 0, 0, Map.of()));
        Variant empty = new Variant("empty", List.of("c@1"), 0, nothing, funnel, List.of(new StopRow("c", "(no contact)", 0, 0)),
                Map.of(), List.of());
        List<DayRow> zeroDays = new ArrayList<>();
        for (int d = 0; d <= 3; d++) {
            zeroDays.add(new DayRow(FIRST_DAY.plusDays(d), Map.of(Channel.SMS, 0L), BigDecimal.ZERO, 0, BigDecimal.ZERO));
        }
        Variant quiet = new Variant("quiet", List.of("c@2"), 0, nothing, List.of(), List.of(), Map.of(), zeroDays);
        SimulationReport one = new SimulationReport("nothing happened", 1, 0, 0, FIRST_DAY, "UTC", "USD", List.of(empty));
        SimulationReport two = new SimulationReport("nothing happened", 1, 0, 3, FIRST_DAY, "UTC", "USD", List.of(empty, quiet));

        for (SimulationReport report : List.of(one, two)) {
            String html = ReportHtml.render(report);

            assertThat(html).doesNotContain("NaN", "Infinity");
            Document page = parse(html);
            assertThat(page.getElementsByTagName("svg").getLength()).isEqualTo(report.variants().size() == 2 ? 4 : 3);
            NodeList rects = page.getElementsByTagName("rect");
            for (int i = 0; i < rects.getLength(); i++) {
                Element rect = (Element) rects.item(i);
                assertThat(Double.parseDouble(rect.getAttribute("width"))).isNotNegative();
                assertThat(Double.parseDouble(rect.getAttribute("height"))).isNotNegative();
            }
            assertThat(width(page, "d0-sms \u00b7 SMS \u00b7 reached: 0")).isZero();
            assertThat(kpiRow(page, "Contacts").get(1)).isEqualTo("0");
            assertThat(texts(page, "//table[@class='stops']//td")).contains("\u2014");
            assertThat(texts(page, "//section[@id='blocked']/p")).containsExactly("No contact was blocked.");
        }
        assertThat(texts(parse(ReportHtml.render(two)), "//section[@id='comparison']//*[local-name()='text']"))
                .contains("No rate applies to either variant.");
    }

    @Test
    void a_long_run_thins_the_day_labels_so_they_do_not_overlap() throws Exception {
        SimulationReport year = withDaily(collection(), days(365, true));
        Document page = parse(ReportHtml.render(year));

        List<String> dayLabels = texts(page, "//section[@id='daily-contacts']//*[local-name()='text'][@class='muted']")
                .stream().filter(t -> t.matches("\\d\\d-\\d\\d")).toList();
        assertThat(dayLabels).hasSizeLessThanOrEqualTo(19).hasSizeGreaterThan(8).startsWith("03-02");
    }

    // ------------------------------------------------------------ determinism and files

    @Test
    void the_same_report_renders_the_same_bytes() {
        assertThat(ReportHtml.render(championChallenger())).isEqualTo(ReportHtml.render(championChallenger()));
        assertThat(ReportHtml.render(collection())).isEqualTo(ReportHtml.render(collection()));
    }

    @Test
    void map_order_does_not_change_the_page() {
        SimulationReport report = collection();
        Variant v = report.champion();
        Map<String, Long> reversed = new LinkedHashMap<>();
        reversed.put("quiet-hours", 120L);
        reversed.put("no-consent", 40L);
        reversed.put("daily-cap", 10L);
        List<DayRow> daily = v.daily().stream().map(day -> {
            Map<Channel, Long> contacts = new LinkedHashMap<>();
            List<Channel> channels = new ArrayList<>(day.contacts().keySet());
            channels.sort(java.util.Comparator.reverseOrder());
            channels.forEach(channel -> contacts.put(channel, day.contacts().get(channel)));
            return new DayRow(day.date(), contacts, day.spend(), day.conversions(), day.recovered());
        }).toList();
        Variant reordered = new Variant(v.name(), v.cadences(), v.customers(), v.kpis(), v.funnel(), v.stops(), reversed, daily);

        assertThat(ReportHtml.render(new SimulationReport(report.title(), report.seed(), report.customers(), report.days(),
                report.firstDay(), report.zone(), report.currency(), List.of(reordered))))
                .isEqualTo(ReportHtml.render(report));
    }

    @Test
    void write_creates_the_directories_and_writes_utf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a/b/report.html");

        ReportHtml.write(championChallenger(), file);

        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
                .isEqualTo(ReportHtml.render(championChallenger()))
                .contains("\u2014");
    }

    // ------------------------------------------------------------ reports built by hand

    /** A collection run: 1,000 people, five step rows (one a fallback), ten days. */
    static SimulationReport collection() {
        return new SimulationReport("Card late payment", 42, 1_000, 10, FIRST_DAY, "America/Sao_Paulo", "BRL",
                List.of(champion()));
    }

    /** The collection run's champion against a challenger that adds WhatsApp. */
    static SimulationReport championChallenger() {
        Variant champion = champion();
        Kpis kpis = Kpis.of(counts(1_000, 210, 1_800, 1_850, 300, 100, 1_600, 380, 170, 7), new BigDecimal("1500000"),
                new BigDecimal("140000.00"), BigDecimal.ZERO, new BigDecimal("1358.00"));
        Variant challenger = new Variant("challenger", List.of("card-late@4", "card-late-whatsapp@1"), 1_000, kpis,
                List.of(stepRow("card-late", "d0-whatsapp", Channel.WHATSAPP, 1_000, 900, Map.of("quiet-hours", 80L)),
                        stepRow("card-late", "d3-ivr", Channel.OUTBOUND_IVR, 700, 600, Map.of("no-consent", 60L))),
                List.of(new StopRow("card-late", "d0-whatsapp via WHATSAPP", 600, 150)),
                Map.of("quiet-hours", 80L, "no-consent", 60L), days(10, true));
        return new SimulationReport("Card late payment", 42, 2_000, 10, FIRST_DAY, "America/Sao_Paulo", "BRL",
                List.of(champion, challenger));
    }

    private static Variant champion() {
        Kpis.Counts counts = counts(1_000, 180, 2_400, 2_450, 400, 120, 2_100, 400, 150, 12);
        Kpis kpis = Kpis.of(withCsat(counts), new BigDecimal("1500000"), new BigDecimal("123456.78"), BigDecimal.ZERO,
                new BigDecimal("1234.50"));
        List<StepRow> funnel = List.of(
                stepRow("card-late", "d0-sms", Channel.SMS, 1_000, 950, Map.of("quiet-hours", 30L, "no-consent", 10L)),
                stepRow("card-late", "d2-whatsapp", Channel.WHATSAPP, 800, 500, Map.of("no-consent", 30L)),
                stepRow("card-late", "d2-whatsapp", Channel.SMS, 0, 250, Map.of()),
                stepRow("card-late", "d5-ivr", Channel.OUTBOUND_IVR, 600, 400, Map.of("quiet-hours", 90L, "daily-cap", 10L)),
                stepRow("card-late", "d10-agent", Channel.AGENT, 50, 0, Map.of()));
        List<StopRow> stops = List.of(new StopRow("card-late", "d0-sms via SMS", 400, 120),
                new StopRow("card-late", "d5-ivr via OUTBOUND_IVR", 500, 60),
                new StopRow("card-late", "(no contact)", 100, 0));
        Map<String, Long> blocked = new LinkedHashMap<>();
        blocked.put("daily-cap", 10L);
        blocked.put("no-consent", 40L);
        blocked.put("quiet-hours", 120L);
        return new Variant("champion", List.of("card-late@3"), 1_000, kpis, funnel, stops, blocked, days(10, true));
    }

    /** {@code days + 1} rows: SMS every day, WhatsApp on two days of three, the IVR from the fifth day. */
    private static List<DayRow> days(int days, boolean recovered) {
        List<DayRow> rows = new ArrayList<>();
        for (int d = 0; d <= days; d++) {
            Map<Channel, Long> contacts = new EnumMap<>(Channel.class);
            contacts.put(Channel.SMS, 100L + 10 * (d % 10));
            if (d % 3 != 0) {
                contacts.put(Channel.WHATSAPP, 50L + 5 * (d % 10));
            }
            if (d >= 5) {
                contacts.put(Channel.OUTBOUND_IVR, 40L);
            }
            BigDecimal spend = BigDecimal.valueOf(100 + 10 * (d % 10)).setScale(2);
            BigDecimal back = recovered ? BigDecimal.valueOf(1_000L * (d % 10 + 1)).setScale(2) : BigDecimal.ZERO;
            rows.add(new DayRow(FIRST_DAY.plusDays(d), contacts, spend, 2L * (d % 10), back));
        }
        return rows;
    }

    private static SimulationReport withDaily(SimulationReport report, List<DayRow> daily) {
        Variant v = report.champion();
        return new SimulationReport(report.title(), report.seed(), report.customers(), daily.size() - 1,
                report.firstDay(), report.zone(), report.currency(),
                List.of(new Variant(v.name(), v.cadences(), v.customers(), v.kpis(), v.funnel(), v.stops(), v.blocked(), daily)));
    }

    /** A step row where each stage keeps a fixed share of the one before, so the bars are predictable. */
    private static StepRow stepRow(String cadence, String step, Channel channel, long reached, long sent,
                                   Map<String, Long> blocked) {
        long delivered = sent * 9 / 10;
        long responded = sent / 5;
        long converted = sent * 6 / 95;
        return new StepRow(cadence, step, channel, reached, sent + sent / 50, sent, blocked, sent / 20, delivered,
                responded, converted, BigDecimal.valueOf(sent).multiply(new BigDecimal("0.08")));
    }

    private static Kpis.Counts counts(long journeys, long converted, long contacts, long attempts, long calls,
                                      long answered, long delivered, long responded, long fullPayments, long optOuts) {
        return new Kpis.Counts(journeys, converted, contacts, attempts, calls, answered, delivered, responded,
                fullPayments, 0, 0, 0, optOuts, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static Kpis.Counts withCsat(Kpis.Counts c) {
        return new Kpis.Counts(c.journeys(), c.converted(), c.contacts(), c.attempts(), c.calls(), c.callsAnswered(),
                c.delivered(), c.responded(), c.fullPayments(), c.partialPayments(), c.promises(), c.promisesKept(),
                c.optOuts(), 0, 0, 50, 40, 5, 0, 0, 0, 0, 0);
    }

    // ------------------------------------------------------------ reading the page

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    }

    private static List<String> texts(Document page, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.NODESET);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    private static List<String> kpiRow(Document page, String label) throws Exception {
        List<String> row = texts(page, "//table[@id='kpi-table']//tr[td[1]='" + label + "']/td");
        assertThat(row).as("KPI row %s", label).isNotEmpty();
        return row;
    }

    /** The chart element whose tooltip is {@code title}. */
    private static Element bar(Document page, String title) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath()
                .evaluate("//*[local-name()='rect'][title='" + title + "']", page, XPathConstants.NODESET);
        assertThat(nodes.getLength()).as("bars titled %s", title).isEqualTo(1);
        return (Element) nodes.item(0);
    }

    private static double width(Document page, String title) throws Exception {
        return Double.parseDouble(bar(page, title).getAttribute("width"));
    }

    private static double height(Document page, String title) throws Exception {
        return Double.parseDouble(bar(page, title).getAttribute("height"));
    }
}
