package io.cadencerules.channels.adapter;

import io.cadencerules.channel.ChannelAdapter;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.channels.address.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * An adapter that only logs what it would send and accepts it, for dry runs, demos and staging.
 * Personal data is masked: phones as {@code +55 11 9****-4321}, e-mails as {@code a***@example.com};
 * variable values, the customer's name and rendered texts are never logged (only variable names).
 * The provider id is {@code log:<idempotency key>}, so a repeated request gets the same answer.
 */
public final class LoggingChannelAdapter implements ChannelAdapter {

    private final Consumer<String> sink;

    /** Logs at INFO through SLF4J, logger {@code io.cadencerules.channels.adapter.LoggingChannelAdapter}. */
    public LoggingChannelAdapter() {
        this(LoggerFactory.getLogger(LoggingChannelAdapter.class));
    }

    /**
     * Logs at INFO to the given logger.
     *
     * @param logger the logger
     */
    public LoggingChannelAdapter(Logger logger) {
        Objects.requireNonNull(logger, "logger");
        this.sink = line -> logger.info("{}", line);
    }

    /**
     * Writes each line to a sink (a test list, another logging facade).
     *
     * @param sink receives one line per request
     */
    public LoggingChannelAdapter(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Logs the request and accepts it.
     *
     * @param request what to send
     * @return accepted with id {@code log:<idempotency key>}
     */
    @Override
    public CompletionStage<DispatchResult> dispatch(ContactRequest request) {
        sink.accept(describe(request));
        return CompletableFuture.completedFuture(DispatchResult.accepted("log:" + request.idempotencyKey()));
    }

    /**
     * The line logged for a request, with personal data masked:
     * {@code SMS to +55 11 9****-4321 customer c-1 step d0-sms attempt 1 template due-today variables [pix] key …}.
     *
     * @param request the request
     * @return the line
     */
    public static String describe(ContactRequest request) {
        StringBuilder line = new StringBuilder()
                .append(request.channel()).append(" to ").append(Masking.contactPoint(request.address()))
                .append(" customer ").append(request.customer().id())
                .append(" step ").append(request.stepId())
                .append(" attempt ").append(request.attempt())
                .append(" template ").append(request.templateId());
        if (!request.queue().isEmpty()) {
            line.append(" queue ").append(request.queue());
        }
        if (!request.variables().isEmpty()) {
            line.append(" variables ").append(new TreeSet<>(request.variables().keySet()));
        }
        return line.append(" key ").append(request.idempotencyKey()).toString();
    }
}
