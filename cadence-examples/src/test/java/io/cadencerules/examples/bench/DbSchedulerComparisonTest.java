package io.cadencerules.examples.bench;

import io.cadencerules.examples.bench.DbSchedulerComparison.Executions;
import io.cadencerules.examples.bench.DbSchedulerComparison.Options;
import io.cadencerules.examples.bench.DbSchedulerComparison.Phase;
import io.cadencerules.examples.bench.DbSchedulerComparison.Side;
import io.cadencerules.examples.bench.DbSchedulerComparison.Workload;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The comparison at a tiny size: both sides run both workloads, and its exactly-once checks pass; no timing. */
class DbSchedulerComparisonTest {

    @Test
    void bothSidesRunEveryJourneyAndTaskExactlyOnce() throws Exception {
        Options tiny = new Options(2_000, 2_000, 2, 1, 2, 1, Duration.ofMillis(200), List.of(Workload.values()), 0.5, 3.0,
                Duration.ofMillis(50), "off",
                false);
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        // run(...) throws if a journey or task ran twice for one due time, a burst item ran other than once,
        // or the tables disagree with what the adapter and the task saw
        List<Phase> phases = DbSchedulerComparison.run(tiny, new PrintStream(report, true, StandardCharsets.UTF_8));

        assertThat(phases).hasSize(4);
        assertThat(phases).filteredOn(p -> p.workload() == Workload.BURST)
                .extracting(Phase::side, Phase::executions)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Side.CADENCE, 2_000L),
                        org.assertj.core.groups.Tuple.tuple(Side.DB_SCHEDULER, 2_000L));
        assertThat(phases).filteredOn(p -> p.workload() == Workload.STEADY)
                .allSatisfy(p -> {
                    assertThat(p.executions()).isPositive();
                    assertThat(p.commitsPerExecution()).isPositive();
                    assertThat(p.p99LatenessMillis()).isNotNaN();
                });
        assertThat(report.toString(StandardCharsets.UTF_8)).contains("steady state:", "08:00 burst:", "cadence / db-scheduler");
    }

    @Test
    void aSecondRunOfTheSameOccurrenceIsCaught() {
        Executions executions = new Executions(new long[] {0, 0}, 10);
        WallClock clock = WallClock.startingAt(DbSchedulerComparison.T0);
        executions.record(0, 1, 0, clock);
        executions.record(1, 1, 0, clock);
        executions.record(0, 2, 0, clock);
        executions.failOnDuplicates(Side.CADENCE);

        executions.record(1, 1, 0, clock);

        assertThatThrownBy(() -> executions.failOnDuplicates(Side.CADENCE))
                .hasMessageContaining("1 duplicate executions").hasMessageContaining("id 1 ran occurrence 1 again");
    }
}
