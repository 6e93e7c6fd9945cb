package io.cadencerules;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Main code of every module reads time only through the injected clock and draws randomness only
 * from seeded generators.
 */
class NoSystemClockTest {

    private static final Pattern FORBIDDEN = Pattern.compile(
            "(Instant|LocalDate|LocalDateTime|LocalTime|ZonedDateTime|OffsetDateTime|Year|YearMonth)\\.now\\("
                    + "|System\\.currentTimeMillis\\(|Clock\\.system(UTC|DefaultZone)?\\(|new Random\\(\\)|Math\\.random\\("
                    + "|new SplittableRandom\\(\\)|ThreadLocalRandom\\.current\\(|UUID\\.randomUUID\\(");

    @Test
    void main_code_never_reads_the_system_clock_or_unseeded_randomness() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root)) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .toList();
        }
        assertThat(sources).as("main sources found under %s", root).hasSizeGreaterThan(40);
        List<String> offences = new ArrayList<>();
        for (Path file : sources) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (!line.startsWith("*") && !line.startsWith("//") && FORBIDDEN.matcher(line).find()) {
                    offences.add(root.relativize(file) + ":" + (i + 1) + ": " + line);
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void the_pattern_catches_what_it_should() {
        assertThat(FORBIDDEN.matcher("Instant t = Instant.now();").find()).isTrue();
        assertThat(FORBIDDEN.matcher("long t = System.currentTimeMillis();").find()).isTrue();
        assertThat(FORBIDDEN.matcher("new Random()").find()).isTrue();
        assertThat(FORBIDDEN.matcher("Clock.systemUTC()").find()).isTrue();
        assertThat(FORBIDDEN.matcher("new Random(42)").find()).isFalse();
        assertThat(FORBIDDEN.matcher("clock.instant()").find()).isFalse();
    }
}
