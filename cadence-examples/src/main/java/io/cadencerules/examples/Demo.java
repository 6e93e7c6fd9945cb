package io.cadencerules.examples;

import java.util.Locale;

/**
 * Runs {@link CollectionSimulation} and prints its summary and wall time.
 *
 * <pre>
 *   mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl cadence-examples exec:java
 *   mvn -B -q -pl cadence-examples exec:java -Dexec.args="--customers 2000 --days 60 --seed 7"
 * </pre>
 */
public final class Demo {

    private Demo() {
    }

    /** Options: {@code --customers N} (10000), {@code --days D} (60), {@code --seed S} (42). */
    public static void main(String[] args) {
        CollectionSimulation.Config config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: Demo [--customers N] [--days D] [--seed S]");
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        SimulationSummary summary = CollectionSimulation.run(config);
        long elapsed = System.nanoTime() - started;
        System.out.print(summary.toTable());
        System.out.printf(Locale.ROOT, "Wall time: %.2f s%n", elapsed / 1e9);
    }

    /** Parses the command line; unknown options and bad numbers fail with a message naming them. */
    static CollectionSimulation.Config parse(String[] args) {
        CollectionSimulation.Config defaults = CollectionSimulation.Config.defaults();
        int customers = defaults.customers();
        int days = defaults.days();
        long seed = defaults.seed();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!option.equals("--customers") && !option.equals("--days") && !option.equals("--seed")) {
                throw new IllegalArgumentException("unknown option '" + option + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--customers" -> customers = Integer.parseInt(value);
                    case "--days" -> days = Integer.parseInt(value);
                    default -> seed = Long.parseLong(value);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option " + option + " must be a number, but was '" + value + "'");
            }
        }
        return new CollectionSimulation.Config(customers, days, seed);
    }
}
