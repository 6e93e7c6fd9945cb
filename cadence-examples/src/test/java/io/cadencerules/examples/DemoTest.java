package io.cadencerules.examples;

import io.cadencerules.simulation.ReportJson;
import io.cadencerules.simulation.SimulationReport;
import io.cadencerules.simulation.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoTest {

    @TempDir
    Path dir;

    private SimulationResult run(String example, boolean challenger, long seed, ByteArrayOutputStream console) {
        Demo.Options o = new Demo.Options(example, challenger, 400, 30, seed, dir.resolve("seed" + seed));
        return Demo.run(o, new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @Test
    void the_demo_prints_progress_and_the_summary_and_writes_both_reports() throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SimulationResult result = run("collection", false, 42, console);
        String text = console.toString(StandardCharsets.UTF_8);

        assertThat(text).contains("day 30/30  100%", "conversion rate", "funnel per step and channel", "HTML report: ");
        Path html = dir.resolve("seed42").resolve("collection-seed42.html");
        Path json = dir.resolve("seed42").resolve("collection-seed42.json");
        assertThat(Files.readString(html)).contains("<svg", "d+5-ivr");
        assertThat(Files.readString(json)).isEqualTo(ReportJson.render(result.report()));
        assertThat(result.report().champion().kpis().counts().journeys()).isEqualTo(400);
    }

    @Test
    void the_same_seed_writes_the_same_report_and_another_seed_other_numbers() throws IOException {
        SimulationReport first = run("collection", false, 42, new ByteArrayOutputStream()).report();
        SimulationReport again = run("collection", false, 42, new ByteArrayOutputStream()).report();
        SimulationReport other = run("collection", false, 43, new ByteArrayOutputStream()).report();

        assertThat(ReportJson.render(again)).isEqualTo(ReportJson.render(first));
        assertThat(other.champion().kpis()).isNotEqualTo(first.champion().kpis());
    }

    @Test
    void command_line_options_override_the_defaults() {
        assertThat(Demo.parse(new String[0])).isEqualTo(Demo.Options.defaults());
        assertThat(Demo.parse(new String[] {"--customers", "2000", "--seed", "7", "--challenger"}))
                .isEqualTo(new Demo.Options("collection", true, 2000, 60, 7, Demo.Options.defaults().out()));
        assertThatThrownBy(() -> Demo.parse(new String[] {"--customers", "many"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --customers must be a number, but was 'many'");
        assertThatThrownBy(() -> Demo.parse(new String[] {"--verbose"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option '--verbose'");
        assertThatThrownBy(() -> Demo.parse(new String[] {"--example", "loans"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown example 'loans'; the examples are collection");
    }
}
