package io.cadencerules.rules;

import io.cadencerules.Fixtures;
import io.cadencerules.customer.Customer;
import io.cadencerules.customer.Debt;
import io.cadencerules.customer.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReloadTest {

    private static final Enrolment FACT = new Enrolment(Customer.builder("c1").phone("+5511991234567").build(),
            Debt.of("inv-1", Money.brl("100.00"), Fixtures.DUE), Fixtures.cardLate(), Fixtures.START,
            ZoneId.of("America/Sao_Paulo"));

    private static String version(String segment) {
        return RuleBookTest.probe(segment);
    }

    private static final String BROKEN = """
            package io.cadencerules.rules;

            rule "probe"
            when
                $e : Enrolment( customer.id == "c1"
            then
                insert(new Segment($e, "never"));
            end
            """;

    @Test
    void decisions_keep_flowing_through_reloads_and_a_broken_file_never_replaces_the_working_rules(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("segments.drl");
        Files.writeString(file, version("v1"));
        ExecutorService compiler = Executors.newSingleThreadExecutor();
        ReloadingRuleBook book = new ReloadingRuleBook(RuleBook.builder("live").directory(dir).build(), compiler);

        AtomicBoolean running = new AtomicBoolean(true);
        List<String> seen = new ArrayList<>();
        ExecutorService evaluator = Executors.newSingleThreadExecutor();
        Future<Integer> decisions = evaluator.submit(() -> {
            int n = 0;
            while (running.get()) {
                List<Segment> segments = book.get().evaluate(FACT).all(Segment.class);
                String answer = segments.size() == 1 ? segments.get(0).getName() : "bad:" + segments;
                synchronized (seen) {
                    if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(answer)) {
                        seen.add(answer);
                    }
                }
                n++;
            }
            return n;
        });

        awaitAnswer(seen, "v1");
        Files.writeString(file, version("v2"));
        book.reload().join();
        awaitAnswer(seen, "v2");

        Files.writeString(file, BROKEN);
        assertThatThrownBy(() -> book.reload().join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(RuleCompilationException.class);
        RuleCompilationException error = book.lastError();
        assertThat(error.errors().get(0).file()).isEqualTo("segments.drl");
        assertThat(error.errors().get(0).line()).isEqualTo(6);
        assertThat(book.get().evaluate(FACT).all(Segment.class)).extracting(Segment::getName).containsExactly("v2");

        Files.writeString(file, version("v3"));
        book.reload().join();
        awaitAnswer(seen, "v3");
        assertThat(book.lastError()).isNull();

        running.set(false);
        int evaluated = decisions.get(30, TimeUnit.SECONDS);
        evaluator.shutdown();
        compiler.shutdown();
        assertThat(seen).containsExactly("v1", "v2", "v3");
        assertThat(evaluated).as("decisions made during the reloads").isGreaterThan(10);
    }

    @Test
    void a_reload_that_fails_for_another_reason_is_recorded_and_keeps_the_rules(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("segments.drl");
        Files.writeString(file, version("kept"));
        ExecutorService compiler = Executors.newSingleThreadExecutor();
        ReloadingRuleBook book = new ReloadingRuleBook(RuleBook.builder("live").directory(dir).build(), compiler);
        Files.delete(file);

        assertThatThrownBy(() -> book.reload().join()).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(book.lastFailure()).hasMessage("rule book 'live' has no DRL sources");
        assertThat(book.lastError()).isNull();
        assertThat(book.get().evaluate(FACT).all(Segment.class)).extracting(Segment::getName).containsExactly("kept");
        compiler.shutdown();
    }

    @Test
    void a_watched_directory_reloads_on_change(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("segments.drl");
        Files.writeString(file, version("w1"));
        ExecutorService threads = Executors.newCachedThreadPool();
        ReloadingRuleBook book = new ReloadingRuleBook(RuleBook.builder("watched").directory(dir).build(), threads);
        try (AutoCloseable watch = book.watch(dir, threads)) {
            Files.writeString(file, version("w2"));
            waitUntil(() -> book.get().evaluate(FACT).all(Segment.class).stream().map(Segment::getName).toList()
                    .equals(List.of("w2")));
        }
        threads.shutdownNow();
    }

    private static void awaitAnswer(List<String> seen, String answer) throws InterruptedException {
        waitUntil(() -> {
            synchronized (seen) {
                return !seen.isEmpty() && seen.get(seen.size() - 1).equals(answer);
            }
        });
    }

    /** Polls a condition for up to 30 s of wall time (real threads and a real file watcher are involved). */
    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s for the condition").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
