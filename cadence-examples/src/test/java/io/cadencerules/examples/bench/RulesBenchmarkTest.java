package io.cadencerules.examples.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's verdict-equality check on a small input; no timing. */
class RulesBenchmarkTest {

    @Test
    void everyVariantGivesThePipelinesVerdicts() {
        // agreement(...) throws on the first candidate where a variant disagrees with the pipeline
        Map<String, Map<String, Long>> tallies = RulesBenchmark.agreement(2_000, 42);

        Map<String, Long> pipeline = tallies.get("pipeline, batch 500");
        assertThat(tallies).hasSize(5);
        assertThat(tallies.values()).allSatisfy(tally -> assertThat(tally).isEqualTo(pipeline));
        assertThat(pipeline.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2_000);
        // the synthetic workload exercises every kind of verdict the book can give
        assertThat(pipeline.keySet()).anyMatch(k -> k.equals("proceed"))
                .anyMatch(k -> k.startsWith("proceed via "))
                .anyMatch(k -> k.startsWith("block "))
                .anyMatch(k -> k.startsWith("skip "))
                .anyMatch(k -> k.startsWith("stop "));
    }
}
