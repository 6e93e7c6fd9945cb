package io.cadencerules.rules;

import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A compiled set of DRL files that rule authors edit: segmentation, eligibility and suppression,
 * channel choice, next-best-action offers. Built from files on the classpath and/or in a directory;
 * compiling the same files twice compiles once (rule bases are cached by content hash).
 *
 * <pre>{@code
 * RuleBook book = RuleBook.builder("collections")
 *     .classpath("rules/segmentation.drl", "rules/eligibility.drl")
 *     .directory(Path.of("/etc/myapp/rules"))
 *     .build();                              // RuleCompilationException lists file:line:column errors
 * Evaluation result = book.evaluate(facts);  // one session for the whole batch
 * }</pre>
 *
 * <p>A rule book is immutable and thread-safe. {@link ReloadingRuleBook} swaps in a new one when the
 * files change.
 */
public final class RuleBook {

    /** How DRL is compiled. */
    public enum Mode {
        /** The classic (MVEL) build: faster compile, better error locations. The default. */
        CLASSIC,
        /** Drools' executable model (generated Java). */
        EXECUTABLE_MODEL
    }

    private static final int FIRINGS_PER_FACT = 200;

    private final String name;
    private final Mode mode;
    private final List<String> classpath;
    private final List<Path> directories;
    private final List<RuleSource> inline;
    private final List<RuleSource> sources;
    private final KieBase kieBase;

    private RuleBook(Builder b, List<RuleSource> sources, KieBase kieBase) {
        this.name = b.name;
        this.mode = b.mode;
        this.classpath = List.copyOf(b.classpath);
        this.directories = List.copyOf(b.directories);
        this.inline = List.copyOf(b.inline);
        this.sources = List.copyOf(sources);
        this.kieBase = kieBase;
    }

    /** Starts a rule book with a name used in messages. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The name. */
    public String name() {
        return name;
    }

    /** The build mode. */
    public Mode mode() {
        return mode;
    }

    /** The DRL files it was built from, in build order. */
    public List<RuleSource> sources() {
        return sources;
    }

    /**
     * Re-reads the same classpath resources and directories and builds again (from cache if nothing
     * changed). Throws {@link RuleCompilationException} if the files no longer compile.
     */
    public RuleBook rebuild() {
        Builder b = new Builder(name).mode(mode);
        b.classpath.addAll(classpath);
        b.directories.addAll(directories);
        b.inline.addAll(inline);
        return b.build();
    }

    /**
     * Inserts the facts into one fresh session, fires the rules, and returns what they concluded.
     *
     * @throws IllegalStateException if the rules fire more than 200 times per fact (a rule loops)
     */
    public Evaluation evaluate(Collection<?> facts) {
        List<Conclusion> conclusions = new ArrayList<>();
        List<String> fired = new ArrayList<>();
        KieSession session = kieBase.newKieSession();
        try {
            session.addEventListener(new DefaultRuleRuntimeEventListener() {
                @Override
                public void objectInserted(ObjectInsertedEvent event) {
                    if (event.getObject() instanceof Conclusion c && event.getRule() != null) {
                        c.firedBy(event.getRule().getName());
                        conclusions.add(c);
                    }
                }
            });
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    fired.add(event.getMatch().getRule().getName());
                }
            });
            for (Object fact : facts) {
                session.insert(fact);
            }
            int limit = FIRINGS_PER_FACT * Math.max(1, facts.size());
            int count = session.fireAllRules(limit);
            if (count >= limit) {
                throw new IllegalStateException("rule book '" + name + "' fired " + count + " rules for " + facts.size()
                        + " fact(s) and was stopped; a rule probably re-triggers itself (last fired: '"
                        + fired.get(fired.size() - 1) + "')");
            }
        } finally {
            session.dispose();
        }
        return new Evaluation(conclusions, fired);
    }

    /** Evaluates one or more facts. */
    public Evaluation evaluate(Object... facts) {
        return evaluate(List.of(facts));
    }

    @Override
    public String toString() {
        return "RuleBook " + name + " " + sources.stream().map(RuleSource::name).toList();
    }

    /** Collects DRL sources; {@link #build()} compiles them (or takes them from the cache). */
    public static final class Builder {
        private final String name;
        private Mode mode = Mode.CLASSIC;
        private final List<String> classpath = new ArrayList<>();
        private final List<Path> directories = new ArrayList<>();
        private final List<RuleSource> inline = new ArrayList<>();

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("rule book name must not be blank, but was '" + name + "'");
            }
            this.name = name;
        }

        /** DRL resources on the classpath, e.g. "io/cadencerules/examples/segmentation.drl". */
        public Builder classpath(String... resources) {
            classpath.addAll(List.of(resources));
            return this;
        }

        /** Every {@code *.drl} file directly in a directory, in name order. */
        public Builder directory(Path directory) {
            directories.add(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /** A DRL text given directly. */
        public Builder source(String fileName, String drl) {
            inline.add(new RuleSource(fileName, drl));
            return this;
        }

        /** Build mode; default {@link Mode#CLASSIC}. */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Reads and compiles the sources. */
        public RuleBook build() {
            List<RuleSource> sources = new ArrayList<>();
            for (String resource : classpath) {
                sources.add(readResource(resource));
            }
            for (Path directory : directories) {
                sources.addAll(readDirectory(directory));
            }
            sources.addAll(inline);
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("rule book '" + name + "' has no DRL sources");
            }
            List<String> names = sources.stream().map(RuleSource::name).toList();
            for (int i = 0; i < names.size(); i++) {
                if (names.subList(0, i).contains(names.get(i))) {
                    throw new IllegalArgumentException("rule book '" + name + "' has two files named '" + names.get(i) + "'");
                }
            }
            return new RuleBook(this, sources, RuleCompiler.compile(name, sources, mode));
        }

        private RuleSource readResource(String resource) {
            String path = resource.startsWith("/") ? resource.substring(1) : resource;
            ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : RuleBook.class.getClassLoader();
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalArgumentException("rule book '" + name + "': no DRL resource '" + resource + "' on the classpath");
                }
                return new RuleSource(path.substring(path.lastIndexOf('/') + 1), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("rule book '" + name + "': cannot read '" + resource + "'", e);
            }
        }

        private List<RuleSource> readDirectory(Path directory) {
            if (!Files.isDirectory(directory)) {
                throw new IllegalArgumentException("rule book '" + name + "': '" + directory + "' is not a directory");
            }
            try (Stream<Path> files = Files.list(directory)) {
                List<RuleSource> out = new ArrayList<>();
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".drl"))
                        .sorted(Comparator.comparing(f -> f.getFileName().toString())).toList()) {
                    out.add(new RuleSource(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException("rule book '" + name + "': cannot read " + directory, e);
            }
        }
    }
}
