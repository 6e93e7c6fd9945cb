package io.cadencerules.simulation;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/** Hears how a long simulation is going, once per virtual day and at the end. */
@FunctionalInterface
public interface Progress {

    /** Called after each virtual day, and once more when the run ends ({@link Snapshot#done()}). */
    void update(Snapshot snapshot);

    /**
     * Where a run is.
     *
     * @param day          virtual days done
     * @param days         virtual days in the run
     * @param processed    journey visits the engine made so far ({@code runDue} results)
     * @param contacts     contacts sent so far
     * @param elapsedNanos wall time since the run started
     * @param done         true for the last call
     */
    record Snapshot(int day, int days, long processed, long contacts, long elapsedNanos, boolean done) {

        /** Journey visits per wall-clock second so far. */
        public double rate() {
            return elapsedNanos == 0 ? 0 : processed * 1e9 / elapsedNanos;
        }

        /** Wall-clock seconds still to go, extrapolated from the days done. */
        public double etaSeconds() {
            return day == 0 ? Double.NaN : elapsedNanos / 1e9 * (days - day) / day;
        }
    }

    /** Says nothing. */
    static Progress none() {
        return snapshot -> {
        };
    }

    /**
     * One line per tenth of the run (and the last day) on {@code out}:
     * {@code "day 12/60  20%  journeys 48,210 (21,400/s)  contacts 9,812  ETA 9 s"}.
     */
    static Progress console(PrintStream out) {
        Objects.requireNonNull(out, "out");
        return new Progress() {
            private int lastTenth = -1;

            @Override
            public void update(Snapshot s) {
                int tenth = s.days() == 0 ? 10 : s.day() * 10 / s.days();
                if (!s.done() && tenth == lastTenth) {
                    return;
                }
                lastTenth = tenth;
                String eta = s.done() ? String.format(Locale.ROOT, "done in %.1f s", s.elapsedNanos() / 1e9)
                        : Double.isNaN(s.etaSeconds()) ? "ETA ?" : String.format(Locale.ROOT, "ETA %.0f s", s.etaSeconds());
                out.printf(Locale.ROOT, "day %d/%d  %3d%%  journeys %,d (%,.0f/s)  contacts %,d  %s%n", s.day(), s.days(),
                        s.days() == 0 ? 100 : s.day() * 100 / s.days(), s.processed(), s.rate(), s.contacts(), eta);
                out.flush();
            }
        };
    }
}
