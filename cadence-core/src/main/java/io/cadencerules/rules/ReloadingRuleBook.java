package io.cadencerules.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A rule book that can be reloaded while decisions flow: {@link #reload()} compiles the files again
 * on the given executor and swaps the new book in atomically. A file that fails to compile never
 * replaces the working book; the failure is returned (and kept in {@link #lastError()}).
 * {@link #watch(Path, Executor)} reloads when the directory's DRL files change.
 */
public final class ReloadingRuleBook implements Supplier<RuleBook> {

    private static final Logger log = LoggerFactory.getLogger(ReloadingRuleBook.class);

    private final AtomicReference<RuleBook> current;
    private final AtomicReference<RuntimeException> lastFailure = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicLong generations = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong installed = new java.util.concurrent.atomic.AtomicLong();
    private final Executor compiler;

    /**
     * @param initial  the working book
     * @param compiler where reloads compile (a background thread; decisions never wait for it). Use
     *                 another executor than the one given to {@link #watch}: the watch waits for reloads.
     */
    public ReloadingRuleBook(RuleBook initial, Executor compiler) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
        this.compiler = Objects.requireNonNull(compiler, "compiler");
    }

    /** The working book. */
    @Override
    public RuleBook get() {
        return current.get();
    }

    /** The last reload's compilation errors, or null if it did not fail to compile. */
    public RuleCompilationException lastError() {
        return lastFailure.get() instanceof RuleCompilationException e ? e : null;
    }

    /**
     * Why the last reload failed (compilation errors, a directory without DRL files, an I/O error), or
     * null if it succeeded.
     */
    public RuntimeException lastFailure() {
        return lastFailure.get();
    }

    /**
     * Compiles the book's files again in the background; on success the new book replaces the old,
     * unless a reload started later has already been installed.
     *
     * @return completes with the book now in use, or exceptionally with why the reload failed (the old
     *         book stays in use)
     */
    public CompletableFuture<RuleBook> reload() {
        long generation = generations.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            try {
                RuleBook next = current.get().rebuild();
                synchronized (this) {
                    if (generation > installed.get()) {
                        installed.set(generation);
                        current.set(next);
                        lastFailure.set(null);
                    }
                }
                return current.get();
            } catch (RuntimeException e) {
                synchronized (this) {
                    if (generation > installed.get()) {
                        lastFailure.set(e);
                    }
                }
                log.warn("rule book '{}' was not reloaded; the previous rules stay in use: {}", current.get().name(),
                        e.getMessage());
                throw e;
            }
        }, compiler);
    }

    /**
     * Watches a directory and reloads whenever a {@code .drl} file in it is created, changed or
     * deleted. The watch loop runs on {@code watcher}; close the returned handle to stop it.
     */
    public AutoCloseable watch(Path directory, Executor watcher) {
        WatchService service;
        try {
            service = FileSystems.getDefault().newWatchService();
            directory.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + directory, e);
        }
        watcher.execute(() -> {
            try {
                while (true) {
                    WatchKey key = service.take();
                    boolean drl = key.pollEvents().stream().anyMatch(ev -> ev.context().toString().endsWith(".drl"));
                    key.reset();
                    if (drl) {
                        reload().exceptionally(e -> null).join();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ClosedWatchServiceException e) {
                // closed: stop watching
            }
        });
        return service::close;
    }
}
