package io.cadencerules.channels.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cadencerules.channel.Channel;
import io.cadencerules.channel.ChannelAdapter;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.channels.sms.SmsText;
import io.cadencerules.channels.template.TemplateCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A generic HTTP webhook adapter: each request is POSTed as JSON to one endpoint, signed with
 * HMAC-SHA256 ({@link WebhookSignature}), with the request's idempotency key in the
 * {@code Idempotency-Key} header so the receiver can de-duplicate retries.
 *
 * <p>Answers: 2xx → accepted, with the provider id taken from the response's {@code providerId},
 * {@code id} or {@code messageId} field when the body is a JSON object; 408, 429, 5xx, timeouts and
 * I/O errors → retried with exponential backoff up to {@code maxAttempts}, then failed (retryable, so
 * the engine's own step retries apply); other 4xx → rejected with the status and the body's
 * {@code error}, {@code reason} or {@code message}; 3xx → failed, not retryable. The body format is in
 * docs/channels.md.
 *
 * <p>By default {@link #dispatch} runs the HTTP exchange (and the backoff waits) in the calling
 * thread; give an {@link Builder#executor} to run it elsewhere. Keep
 * {@code maxAttempts × (connectTimeout + requestTimeout) + backoff} under the engine's dispatch timeout.
 */
public final class WebhookChannelAdapter implements ChannelAdapter {

    /** The idempotency header. */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private static final Logger log = LoggerFactory.getLogger(WebhookChannelAdapter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String secret;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final Duration maxBackoff;
    private final Sleeper sleeper;
    private final Executor executor;
    private final TemplateCatalog templates;

    private WebhookChannelAdapter(Builder b) {
        this.endpoint = b.endpoint;
        this.secret = WebhookSignature.requireSecret(b.secret);
        this.client = b.client != null ? b.client : HttpClient.newBuilder().connectTimeout(b.connectTimeout).build();
        this.requestTimeout = b.requestTimeout;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.multiplier = b.multiplier;
        this.maxBackoff = b.maxBackoff;
        this.sleeper = b.sleeper;
        this.executor = b.executor;
        this.templates = b.templates;
    }

    /**
     * Starts a builder.
     *
     * @param endpoint the URL requests are POSTed to (http or https)
     * @return the builder
     */
    public static Builder builder(URI endpoint) {
        return new Builder(endpoint);
    }

    /**
     * Posts the request, retrying as described above.
     *
     * @param request what to send
     * @return the mapped answer; never completes exceptionally
     */
    @Override
    public CompletionStage<DispatchResult> dispatch(ContactRequest request) {
        Objects.requireNonNull(request, "request");
        return CompletableFuture.supplyAsync(() -> {
            try {
                return send(request);
            } catch (RuntimeException e) {
                log.warn("webhook dispatch of {} failed", request.idempotencyKey(), e);
                return DispatchResult.failed("webhook error: " + e, true);
            }
        }, executor);
    }

    /**
     * The JSON body sent for a request (see docs/channels.md for the fields).
     *
     * @param request the request
     * @return UTF-8 JSON bytes
     */
    public byte[] body(ContactRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("idempotencyKey", request.idempotencyKey());
        body.put("customerId", request.customer().id());
        body.put("subjectKey", request.subject().key());
        body.put("cadenceId", request.journeyId().cadenceId());
        body.put("journeyRun", request.journeyId().run());
        body.put("stepId", request.stepId());
        body.put("attempt", request.attempt());
        body.put("channel", request.channel().name());
        body.put("to", request.address().value());
        body.put("templateId", request.templateId());
        ObjectNode variables = body.putObject("variables");
        new java.util.TreeMap<>(request.variables()).forEach((k, v) -> variables.set(k, JSON.valueToTree(v)));
        if (!request.queue().isEmpty()) {
            body.put("queue", request.queue());
        }
        if (!request.keyMenu().isEmpty()) {
            ObjectNode menu = body.putObject("keyMenu");
            new java.util.TreeMap<>(request.keyMenu()).forEach((k, v) -> menu.put(String.valueOf(k), v));
        }
        body.put("customerName", request.customer().name());
        body.put("locale", request.customer().locale().toLanguageTag());
        body.put("requestedAt", request.requestedAt().toString());
        if (templates != null) {
            String text = templates.render(request);
            body.put("text", text);
            if (request.channel() == Channel.SMS || request.channel() == Channel.TWO_WAY_SMS) {
                SmsText sms = SmsText.of(text);
                ObjectNode s = body.putObject("sms");
                s.put("encoding", sms.encoding().name());
                s.put("units", sms.units());
                s.put("segments", sms.segments());
            }
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request '" + request.idempotencyKey() + "' could not be written as JSON", e);
        }
    }

    private DispatchResult send(ContactRequest request) {
        byte[] body;
        try {
            body = body(request);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return DispatchResult.rejected(e.getMessage()); // a template problem: retrying cannot help
        }
        HttpRequest http = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, body))
                .header(IDEMPOTENCY_HEADER, request.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        String lastProblem = "";
        boolean mayHaveArrived = false; // a timeout or I/O error: the provider may have acted on the request
        Duration backoff = initialBackoff;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                try {
                    sleeper.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return DispatchResult.failed("interrupted while waiting to retry after " + lastProblem, true);
                }
                backoff = next(backoff);
            }
            HttpResponse<String> response;
            try {
                response = client.send(http, HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                lastProblem = "timed out (" + e.getMessage() + ")";
                mayHaveArrived |= !(e instanceof java.net.http.HttpConnectTimeoutException);
                continue;
            } catch (IOException e) {
                lastProblem = "I/O error: " + e;
                mayHaveArrived |= !(e instanceof java.net.ConnectException);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return DispatchResult.failed("interrupted", true);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return DispatchResult.accepted(field(response.body(), "providerId", "id", "messageId"));
            }
            if ((status == 429 || status == 503) && !mayHaveArrived) {
                java.util.OptionalLong wait = retryAfterSeconds(response);
                if (wait.isPresent()) { // the provider says when: the engine decides again then, with the same key
                    return DispatchResult.deferred(request.requestedAt().plusSeconds(wait.getAsLong()),
                            "http " + status + ": provider asks to retry after " + wait.getAsLong() + " s");
                }
            }
            if (status == 408 || status == 429 || status >= 500) {
                lastProblem = "http " + status + detail(response.body());
                continue;
            }
            if (status >= 400) {
                return DispatchResult.rejected("http " + status + detail(response.body()));
            }
            return DispatchResult.failed("http " + status + ": unexpected answer from " + endpoint, false);
        }
        String problem = lastProblem + " after " + maxAttempts + " attempt(s)";
        return mayHaveArrived ? DispatchResult.unknown(problem) : DispatchResult.failed(problem, true);
    }

    /** A {@code Retry-After} header given in seconds (HTTP dates are not honoured: the provider's clock is not ours). */
    private static java.util.OptionalLong retryAfterSeconds(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After")
                .filter(v -> v.strip().matches("\\d{1,9}"))
                .map(v -> java.util.OptionalLong.of(Long.parseLong(v.strip())))
                .orElse(java.util.OptionalLong.empty());
    }

    private Duration next(Duration backoff) {
        Duration grown = Duration.ofNanos((long) Math.min(Long.MAX_VALUE, backoff.toNanos() * multiplier));
        return grown.compareTo(maxBackoff) > 0 ? maxBackoff : grown;
    }

    private static String detail(String body) {
        String why = field(body, "error", "reason", "message");
        if (why.isEmpty() && body != null && !body.isBlank() && !body.strip().startsWith("{")) {
            why = body.strip();
        }
        if (why.length() > 200) {
            why = why.substring(0, 200) + "…";
        }
        return why.isEmpty() ? "" : ": " + why;
    }

    private static String field(String body, String... names) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                for (String name : names) {
                    JsonNode value = node.get(name);
                    if (value != null && value.isValueNode() && !value.asText().isBlank()) {
                        return value.asText();
                    }
                }
            }
        } catch (JsonProcessingException e) {
            return "";
        }
        return "";
    }

    @Override
    public String toString() {
        return "WebhookChannelAdapter[" + endpoint + ", " + maxAttempts + " attempts]";
    }

    /** Configures a {@link WebhookChannelAdapter}; {@link #build()} may be called more than once. */
    public static final class Builder {
        private final URI endpoint;
        private String secret;
        private HttpClient client;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(200);
        private double multiplier = 2.0;
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Sleeper sleeper = Sleeper.threadSleep();
        private Executor executor = Runnable::run;
        private TemplateCatalog templates;

        private Builder(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (!"http".equalsIgnoreCase(endpoint.getScheme()) && !"https".equalsIgnoreCase(endpoint.getScheme())) {
                throw new IllegalArgumentException("webhook endpoint must be an http or https URL, but was '" + endpoint + "'");
            }
            this.endpoint = endpoint;
        }

        /** The shared HMAC secret, at least 16 characters. Required. */
        public Builder secret(String secret) {
            this.secret = WebhookSignature.requireSecret(secret);
            return this;
        }

        /** Time to establish a connection (default 2 s); ignored when an {@link #httpClient} is given. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        /** Time from sending to the response headers, per attempt (default 5 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "request timeout");
            return this;
        }

        /** Attempts per dispatch, including the first (default 3). */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1 || attempts > 10) {
                throw new IllegalArgumentException("webhook max attempts must be between 1 and 10, but was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Exponential backoff between attempts: {@code initial}, then × {@code multiplier}, at most {@code max}
         * (default 200 ms × 2, at most 5 s).
         */
        public Builder backoff(Duration initial, double multiplier, Duration max) {
            this.initialBackoff = positive(initial, "initial backoff");
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("webhook backoff multiplier must be at least 1, but was " + multiplier);
            }
            this.multiplier = multiplier;
            this.maxBackoff = positive(max, "max backoff");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("webhook max backoff " + max + " must not be below the initial backoff " + initial);
            }
            return this;
        }

        /** How to wait between attempts (default {@link Sleeper#threadSleep()}); tests pass a recording fake. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Where the HTTP exchange runs (default: the calling thread). */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** A client of your own (proxy, TLS, HTTP/2 settings); its connect timeout applies. */
        public Builder httpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Renders each request's template into the body's {@code text} (and {@code sms} for SMS). */
        public Builder templates(TemplateCatalog catalog) {
            this.templates = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** The adapter. */
        public WebhookChannelAdapter build() {
            if (secret == null) {
                throw new IllegalStateException("webhook adapter for " + endpoint + " needs a secret: call secret(...)");
            }
            return new WebhookChannelAdapter(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("webhook " + what + " must be positive, but was " + d);
            }
            return d;
        }
    }
}
