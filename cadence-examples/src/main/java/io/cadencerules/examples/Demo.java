package io.cadencerules.examples;

import io.cadencerules.simulation.Progress;
import io.cadencerules.simulation.ReportHtml;
import io.cadencerules.simulation.ReportJson;
import io.cadencerules.simulation.ReportTable;
import io.cadencerules.simulation.SimulationResult;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The demo: runs one of the examples through a seeded simulation of the real engine, prints the summary
 * and writes the HTML and JSON reports.
 *
 * <pre>
 *   mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl cadence-examples exec:java
 *   mvn -B -q -pl cadence-examples exec:java -Dexec.args="--example sales --customers 2000 --seed 7"
 *   mvn -B -q -pl cadence-examples exec:java -Dexec.args="--challenger"
 * </pre>
 */
public final class Demo {

    private Demo() {
    }

    /**
     * What to run.
     *
     * @param example    the example's name (see {@link DemoRuns#NAMES})
     * @param challenger true for a champion/challenger run of the example's two versions
     * @param customers  simulated people
     * @param days       virtual days
     * @param seed       the seed of every draw
     * @param out        where the reports go
     */
    record Options(String example, boolean challenger, int customers, int days, long seed, Path out) {
        Options {
            Objects.requireNonNull(example, "example");
            Objects.requireNonNull(out, "out");
        }

        static Options defaults() {
            return new Options("collection", false, 10_000, 60, 42, Path.of("target", "reports"));
        }
    }

    static final String USAGE = "usage: Demo [--example collection|sales|relationship|offers] [--challenger] [--customers N]"
            + " [--days D] [--seed S] [--out DIR]";

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        run(options, System.out);
    }

    /** Runs the options' simulation, prints the summary on {@code out}, writes the reports; returns the result. */
    static SimulationResult run(Options o, PrintStream out) {
        SimulationResult result = DemoRuns.simulation(o.example(), o.challenger())
                .customers(o.customers()).days(o.days()).seed(o.seed())
                .progress(Progress.console(out))
                .build().run();
        out.println();
        out.print(ReportTable.render(result.report()));
        String name = o.example() + (o.challenger() ? "-challenger" : "") + "-seed" + o.seed();
        Path html = o.out().resolve(name + ".html").toAbsolutePath();
        Path json = o.out().resolve(name + ".json").toAbsolutePath();
        ReportHtml.write(result.report(), html);
        ReportJson.write(result.report(), json);
        out.println();
        out.printf(Locale.ROOT, "Simulated %,d customers × %d days in %.2f s (wall time, not part of the report)%n",
                o.customers(), o.days(), result.elapsedNanos() / 1e9);
        out.println("HTML report: " + html);
        out.println("JSON report: " + json);
        return result;
    }

    /** Parses the command line; unknown options, missing values and bad numbers fail with a message naming them. */
    static Options parse(String[] args) {
        Options d = Options.defaults();
        String example = d.example();
        boolean challenger = d.challenger();
        int customers = d.customers();
        int days = d.days();
        long seed = d.seed();
        Path out = d.out();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--challenger")) {
                challenger = true;
                continue;
            }
            if (!option.equals("--example") && !option.equals("--customers") && !option.equals("--days")
                    && !option.equals("--seed") && !option.equals("--out")) {
                throw new IllegalArgumentException("unknown option '" + option + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--example" -> {
                        if (!DemoRuns.NAMES.contains(value)) {
                            throw new IllegalArgumentException("unknown example '" + value + "'; the examples are "
                                    + String.join(", ", DemoRuns.NAMES));
                        }
                        example = value;
                    }
                    case "--customers" -> customers = Integer.parseInt(value);
                    case "--days" -> days = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> out = Path.of(value);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option " + option + " must be a number, but was '" + value + "'");
            }
        }
        return new Options(example, challenger, customers, days, seed, out);
    }
}
