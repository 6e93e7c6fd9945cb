package io.cadencerules.rules;

import io.cadencerules.Fixtures;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleBookTest {

    private static final String SEGMENTATION = "io/cadencerules/rules/segmentation.drl";

    private static Enrolment enrolment(String phone, String amount, int daysPastDue) {
        Customer customer = Customer.builder("c1").phone(phone).build();
        Debt debt = Debt.of("inv-1", Money.brl(amount), Fixtures.DUE);
        return new Enrolment(customer, debt, Fixtures.cardLate(),
                Fixtures.local(daysPastDue, 12, 0), ZoneId.of("America/Sao_Paulo"));
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void classification_rules_conclude_paths_and_segments_naming_the_rule(RuleBook.Mode mode) {
        RuleBook book = RuleBook.builder("segmentation").mode(mode).classpath(SEGMENTATION).build();

        Enrolment north = enrolment("+5592991234567", "2500.00", 0);
        Evaluation evaluation = book.evaluate(north);

        assertThat(evaluation.about(north, TreatmentPath.class)).extracting(TreatmentPath::getName, Conclusion::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hard", "Large debts take the hard path"));
        assertThat(evaluation.about(north, Segment.class)).extracting(Segment::getName)
                .containsExactlyInAnyOrder("high-balance", "north");
        assertThat(evaluation.fired()).containsExactlyInAnyOrder("Large debts take the hard path",
                "Northern region by DDD (AM, RR, AC, RO, PA, AP)");
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void one_session_decides_a_whole_batch(RuleBook.Mode mode) {
        RuleBook book = RuleBook.builder("segmentation").mode(mode).classpath(SEGMENTATION).build();
        Enrolment soft = enrolment("+5511991234567", "300.00", 2);
        Enrolment lateSmall = enrolment("+5511991234567", "300.00", 9);
        Enrolment large = enrolment("+5511991234567", "5000.00", 1);

        Evaluation evaluation = book.evaluate(soft, lateSmall, large);

        assertThat(evaluation.about(soft, TreatmentPath.class)).extracting(TreatmentPath::getName).containsExactly("soft");
        assertThat(evaluation.about(lateSmall, TreatmentPath.class)).extracting(TreatmentPath::getName).containsExactly("hard");
        assertThat(evaluation.about(large, TreatmentPath.class)).extracting(TreatmentPath::getName).containsExactly("hard");
        assertThat(evaluation.about(soft, Segment.class)).isEmpty();
    }

    @Test
    void building_the_same_files_twice_compiles_once() {
        RuleBook first = RuleBook.builder("a").source("cache-probe.drl", probe("first")).build();
        long builds = RuleCompiler.builds();
        RuleBook second = RuleBook.builder("b").source("cache-probe.drl", probe("first")).build();
        assertThat(RuleCompiler.builds()).isEqualTo(builds);
        RuleBook.builder("c").source("cache-probe.drl", probe("changed")).build();
        assertThat(RuleCompiler.builds()).isEqualTo(builds + 1);
        assertThat(second.evaluate(enrolment("+5511991234567", "1.00", 0)).all(Segment.class))
                .extracting(Segment::getName).containsExactly("first");
        assertThat(first.sources()).isEqualTo(second.sources());
    }

    @Test
    void concurrent_builds_each_get_their_own_rules() throws Exception {
        int threads = 12;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        java.util.List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String segment = "concurrent-" + i + "-" + System.identityHashCode(start);
            answers.add(pool.submit(() -> {
                start.await();
                RuleBook book = RuleBook.builder("c").source("concurrent.drl", probe(segment)).build();
                java.util.List<Segment> concluded = book.evaluate(enrolment("+5511991234567", "1.00", 0)).all(Segment.class);
                return segment + " -> " + concluded.get(0).getName();
            }));
        }
        for (java.util.concurrent.Future<String> answer : answers) {
            String[] parts = answer.get(120, java.util.concurrent.TimeUnit.SECONDS).split(" -> ");
            assertThat(parts[1]).as("the rules of the book built with segment %s", parts[0]).isEqualTo(parts[0]);
        }
        pool.shutdown();
    }

    static String probe(String segment) {
        return """
                package io.cadencerules.rules;
                rule "probe"
                when
                    $e : Enrolment()
                then
                    insert(new Segment($e, "%s"));
                end
                """.formatted(segment);
    }

    @ParameterizedTest
    @EnumSource(RuleBook.Mode.class)
    void a_syntax_error_names_the_file_and_line(RuleBook.Mode mode) {
        String broken = """
                package io.cadencerules.rules;

                rule "missing parenthesis"
                when
                    $e : Enrolment( subject.amount > 1000
                then
                    insert(new Segment($e, "x"));
                end
                """;
        assertThatThrownBy(() -> RuleBook.builder("broken").mode(mode).source("broken.drl", broken).build())
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> {
                    assertThat(e.errors()).isNotEmpty();
                    assertThat(e.errors().get(0).file()).isEqualTo("broken.drl");
                    assertThat(e.errors().get(0).line()).isEqualTo(6);
                    assertThat(e.errors()).noneMatch(err -> err.message().contains("Parser returned a null Package"));
                    assertThat(e.getMessage()).startsWith("rule book 'broken' does not compile: ")
                            .contains("broken.drl:6:");
                });
    }

    @Test
    void an_unknown_field_names_the_file_and_line_in_the_classic_build() {
        String broken = """
                package io.cadencerules.rules;

                rule "typo"
                when
                    $e : Enrolment( subject.amuont > 1000 )
                then
                    insert(new Segment($e, "x"));
                end
                """;
        assertThatThrownBy(() -> RuleBook.builder("typo").source("typo.drl", broken).build())
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> {
                    assertThat(e.errors()).extracting(RuleError::file).containsOnly("typo.drl");
                    assertThat(e.errors().get(0).line()).isEqualTo(5);
                    assertThat(e.errors().get(0).message()).contains("amuont");
                });
    }

    @Test
    void sources_come_from_a_directory_in_name_order(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.drl"), probe("from-b").replace("\"probe\"", "\"probe b\""));
        Files.writeString(dir.resolve("a.drl"), probe("from-a").replace("\"probe\"", "\"probe a\""));
        Files.writeString(dir.resolve("notes.txt"), "not a rule file");
        RuleBook book = RuleBook.builder("dir").directory(dir).build();
        assertThat(book.sources()).extracting(RuleSource::name).containsExactly("a.drl", "b.drl");
        assertThat(book.evaluate(enrolment("+5511991234567", "1.00", 0)).all(Segment.class))
                .extracting(Segment::getName).containsExactlyInAnyOrder("from-a", "from-b");
    }

    @Test
    void bad_sources_are_refused_with_the_name() {
        assertThatIllegalArgumentException().isThrownBy(() -> RuleBook.builder("x").classpath("no/such.drl").build())
                .withMessage("rule book 'x': no DRL resource 'no/such.drl' on the classpath");
        assertThatIllegalArgumentException().isThrownBy(() -> RuleBook.builder("x").build())
                .withMessage("rule book 'x' has no DRL sources");
        assertThatIllegalArgumentException().isThrownBy(() -> RuleBook.builder("x").source("a.txt", ""))
                .withMessage("rule source name must end with .drl, but was 'a.txt'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RuleBook.builder("x").source("a.drl", probe("1")).source("a.drl", probe("2")).build())
                .withMessage("rule book 'x' has two files named 'a.drl'");
    }

    @Test
    void a_rule_that_re_triggers_itself_is_stopped_with_a_message() {
        String looping = """
                package io.cadencerules.rules;
                rule "loops"
                when
                    $e : Enrolment()
                then
                    update($e);
                end
                """;
        RuleBook book = RuleBook.builder("loop").source("loop.drl", looping).build();
        assertThatThrownBy(() -> book.evaluate(enrolment("+5511991234567", "1.00", 0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rule book 'loop' fired 200 rules for 1 fact(s) and was stopped")
                .hasMessageContaining("last fired: 'loops'");
    }
}
