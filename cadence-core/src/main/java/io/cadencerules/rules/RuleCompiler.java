package io.cadencerules.rules;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiles DRL at runtime, once per distinct content: compiled rule bases are cached by a SHA-256
 * of the mode and the (name, text) pairs. Each build uses its own ReleaseId so concurrent builds
 * never see each other's KieBase.
 */
final class RuleCompiler {

    private static final AtomicLong BUILDS = new AtomicLong();
    /** Evicted builds leave Drools' repository too; a book still holding the KieBase keeps working. */
    private static final Cache<String, Built> CACHE = Caffeine.newBuilder().maximumSize(64)
            .removalListener((String hash, Built built, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                if (built != null) {
                    KieServices.get().getRepository().removeKieModule(built.id());
                }
            })
            .build();

    private record Built(KieBase kieBase, ReleaseId id) {
    }

    private RuleCompiler() {
    }

    static KieBase compile(String book, List<RuleSource> sources, RuleBook.Mode mode) {
        String hash = hash(sources, mode);
        return CACHE.get(hash, h -> build(book, sources, mode)).kieBase();
    }

    /** Builds counted since start; lets tests prove the cache works. */
    static long builds() {
        return BUILDS.get();
    }

    private static Built build(String book, List<RuleSource> sources, RuleBook.Mode mode) {
        long build = BUILDS.incrementAndGet(); // unique per build: concurrent builds must not share a ReleaseId
        KieServices ks = KieServices.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId id = ks.newReleaseId("io.cadencerules.rules", "book", "1.0." + build);
        kfs.generateAndWritePomXML(id);
        for (RuleSource source : sources) {
            kfs.write("src/main/resources/io/cadencerules/rules/" + source.name(), source.text());
        }
        KieBuilder builder = ks.newKieBuilder(kfs);
        if (mode == RuleBook.Mode.EXECUTABLE_MODEL) {
            builder.buildAll(ExecutableModelProject.class);
        } else {
            builder.buildAll();
        }
        List<Message> messages = builder.getResults().getMessages(Message.Level.ERROR);
        if (!messages.isEmpty()) {
            ks.getRepository().removeKieModule(id);
            List<RuleError> errors = errors(messages);
            throw new RuleCompilationException(book, errors.isEmpty()
                    ? List.of(new RuleError("", 0, 0, "Drools could not parse the rule book (no location given)"))
                    : errors);
        }
        KieContainer container = ks.newKieContainer(id);
        return new Built(container.getKieBase(), id);
    }

    private static List<RuleError> errors(List<Message> messages) {
        List<RuleError> errors = new ArrayList<>();
        for (Message m : messages) {
            String text = m.getText() == null ? "" : m.getText().strip();
            if (text.contains("Parser returned a null Package")) {
                continue; // a follow-up of a syntax error already reported
            }
            String path = m.getPath() == null ? "" : m.getPath();
            String file = path.substring(path.lastIndexOf('/') + 1);
            errors.add(new RuleError(file, Math.max(m.getLine(), 0), Math.max(m.getColumn(), 0), text));
        }
        return errors;
    }

    private static String hash(List<RuleSource> sources, RuleBook.Mode mode) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(mode.name().getBytes(StandardCharsets.UTF_8));
            for (RuleSource source : sources) {
                digest.update((byte) 0);
                digest.update(source.name().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(source.text().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
