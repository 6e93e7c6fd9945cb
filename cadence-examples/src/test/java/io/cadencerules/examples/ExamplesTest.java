package io.cadencerules.examples;

import io.cadencerules.cadence.Cadence;
import io.cadencerules.engine.CadenceEngine;
import io.cadencerules.rules.RuleSource;
import io.cadencerules.testkit.CadenceHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry of runnable examples: names, cadences, configuration and shipped rule files. */
class ExamplesTest {

    private static final Path RESOURCES = Path.of("src/main/resources/io/cadencerules/examples");

    @Test
    void the_four_examples_are_found_by_name_ignoring_case_and_blanks() {
        assertThat(Examples.names()).isEqualTo("collection, sales, relationship, offers");
        assertThat(Examples.named(" Collection ")).isEqualTo(Examples.COLLECTION);
        assertThat(Examples.named("offers")).isEqualTo(Examples.OFFERS);
        assertThat(Examples.values()).allSatisfy(e -> assertThat(e.description()).isNotBlank().doesNotContain("\n"));
    }

    @Test
    void an_unknown_name_is_refused_naming_it_and_the_known_ones() {
        assertThatThrownBy(() -> Examples.named("billing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown example 'billing'; known: collection, sales, relationship, offers");
    }

    @Test
    void cadence_ids_are_unique_across_the_examples() {
        List<String> ids = Stream.of(Examples.values()).flatMap(e -> e.cadences().stream()).map(Cadence::id).toList();
        assertThat(ids).doesNotHaveDuplicates().hasSize(1 + 3 + 7 + 1);
    }

    @ParameterizedTest
    @EnumSource(Examples.class)
    void configure_registers_every_cadence_of_the_example_with_an_engine(Examples example) {
        CadenceEngine engine = CadenceHarness.startingAt(Instant.parse("2026-03-09T12:00:00Z"))
                .configure(example::configure).build().engine();

        for (Cadence cadence : example.cadences()) {
            assertThat(engine.cadence(cadence.id(), cadence.version())).as(cadence.id()).contains(cadence);
        }
    }

    @ParameterizedTest
    @EnumSource(Examples.class)
    void the_rule_book_holds_every_drl_file_shipped_in_the_examples_folder(Examples example) throws IOException {
        List<String> shipped;
        try (Stream<Path> files = Files.list(RESOURCES.resolve(example.id()))) {
            shipped = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".drl")).sorted().toList();
        }
        assertThat(shipped).hasSize(2);
        assertThat(example.rules().sources()).extracting(RuleSource::name).containsExactlyInAnyOrderElementsOf(shipped);
    }
}
