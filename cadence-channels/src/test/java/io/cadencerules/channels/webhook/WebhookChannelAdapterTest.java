package io.cadencerules.channels.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cadencerules.channel.ContactRequest;
import io.cadencerules.channel.DispatchResult;
import io.cadencerules.channels.Requests;
import io.cadencerules.channels.template.TemplateCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real HTTP server on 127.0.0.1 that checks signatures and de-duplicates by idempotency key. */
class WebhookChannelAdapterTest {

    private static final String SECRET = "s3cret-shared-with-the-provider";

    /** A provider: verifies the signature, performs the effect once per idempotency key, answers as scripted. */
    private static final class FakeProvider {
        final List<String> keys = Collections.synchronizedList(new ArrayList<>());
        final List<Boolean> signaturesValid = Collections.synchronizedList(new ArrayList<>());
        final List<JsonNode> bodies = Collections.synchronizedList(new ArrayList<>());
        final Map<String, String> providerIds = new ConcurrentHashMap<>();
        final AtomicInteger effects = new AtomicInteger();
        final Deque<Integer> statuses = new ArrayDeque<>();
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean hang;
        volatile String retryAfter;
        volatile String errorBody = "{\"error\":\"invalid number\"}";

        void handle(HttpExchange exchange) throws IOException {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            boolean valid = WebhookSignature.verify(SECRET, body, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER));
            keys.add(key);
            signaturesValid.add(valid);
            bodies.add(new ObjectMapper().readTree(body));
            if (hang) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!valid) {
                reply(exchange, 401, "{\"error\":\"bad signature\"}");
                return;
            }
            // the effect (an SMS handed to the carrier) happens once per key
            String id = providerIds.computeIfAbsent(key, k -> "prov-" + effects.incrementAndGet());
            Integer status;
            synchronized (statuses) {
                status = statuses.poll();
            }
            int code = status == null ? 200 : status;
            if (retryAfter != null && (code == 429 || code == 503)) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            reply(exchange, code, code < 300 ? "{\"id\":\"" + id + "\"}" : code >= 500 ? "{\"error\":\"unavailable\"}" : errorBody);
        }

        private static void reply(HttpExchange exchange, int status, String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }

    private final FakeProvider provider = new FakeProvider();
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;
    private ExecutorService serverThreads;
    private URI endpoint;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/sms", provider::handle);
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sms");
    }

    @AfterEach
    void stop() {
        provider.release.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private WebhookChannelAdapter.Builder adapter() {
        return WebhookChannelAdapter.builder(endpoint).secret(SECRET).sleeper(sleeps::add)
                .requestTimeout(Duration.ofSeconds(5));
    }

    private static DispatchResult send(WebhookChannelAdapter adapter, ContactRequest request) {
        return adapter.dispatch(request).toCompletableFuture().join();
    }

    @Test
    void the_server_verifies_the_signature_and_the_provider_id_comes_back() {
        ContactRequest request = Requests.sms("+5511987654321", Map.of("pix", "000201"));
        DispatchResult result = send(adapter().build(), request);

        assertThat(result).isEqualTo(DispatchResult.accepted("prov-1"));
        assertThat(provider.signaturesValid).containsExactly(true);
        assertThat(provider.keys).containsExactly(request.idempotencyKey());
        JsonNode body = provider.bodies.get(0);
        assertThat(body.get("idempotencyKey").asText()).isEqualTo("c-1/inv-9/sms-voice-email#1/d0-sms/SMS/1");
        assertThat(body.get("to").asText()).isEqualTo("+5511987654321");
        assertThat(body.get("channel").asText()).isEqualTo("SMS");
        assertThat(body.get("customerId").asText()).isEqualTo("c-1");
        assertThat(body.get("subjectKey").asText()).isEqualTo("inv-9");
        assertThat(body.get("variables").get("pix").asText()).isEqualTo("000201");
        assertThat(body.get("requestedAt").asText()).isEqualTo("2026-03-10T12:00:00Z");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a_wrong_secret_fails_verification_on_the_server_and_is_rejected() {
        WebhookChannelAdapter wrong = WebhookChannelAdapter.builder(endpoint).secret("not-the-shared-secret").sleeper(sleeps::add).build();
        DispatchResult result = send(wrong, Requests.sms("+5511987654321", Map.of()));

        assertThat(provider.signaturesValid).containsExactly(false);
        assertThat(result).isEqualTo(DispatchResult.rejected("http 401: bad signature"));
        assertThat(provider.effects).hasValue(0);
    }

    @Test
    void a_503_is_retried_with_the_same_key_and_the_server_does_not_repeat_the_effect() {
        provider.statuses.add(503);
        ContactRequest request = Requests.sms("+5511987654321", Map.of());

        DispatchResult result = send(adapter().build(), request);

        assertThat(result).isEqualTo(DispatchResult.accepted("prov-1"));
        assertThat(provider.keys).containsExactly(request.idempotencyKey(), request.idempotencyKey());
        assertThat(provider.signaturesValid).containsExactly(true, true);
        assertThat(provider.effects).as("one SMS handed over despite two deliveries of the request").hasValue(1);
        assertThat(sleeps).containsExactly(Duration.ofMillis(200));
    }

    @Test
    void persistent_5xx_fails_retryable_after_bounded_attempts_with_exponential_backoff() {
        provider.statuses.addAll(List.of(500, 502, 503, 503));
        DispatchResult result = send(adapter().maxAttempts(4).backoff(Duration.ofMillis(100), 3.0, Duration.ofMillis(500)).build(),
                Requests.sms("+5511987654321", Map.of()));

        assertThat(result).isEqualTo(DispatchResult.failed("http 503: unavailable after 4 attempt(s)", true));
        assertThat(provider.keys).hasSize(4);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(500));
    }

    @Test
    void a_server_slower_than_the_timeout_leaves_the_outcome_unknown_so_the_engine_reoffers_the_same_key() {
        provider.hang = true;
        long started = System.nanoTime();
        DispatchResult result = send(adapter().requestTimeout(Duration.ofMillis(150)).maxAttempts(2).build(),
                Requests.sms("+5511987654321", Map.of()));

        assertThat(result).isInstanceOfSatisfying(DispatchResult.Unknown.class, u ->
                assertThat(u.reason()).startsWith("timed out").endsWith("after 2 attempt(s)"));
        assertThat(sleeps).containsExactly(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void a_400_is_rejected_at_once_with_the_reason() {
        provider.statuses.add(400);
        DispatchResult result = send(adapter().build(), Requests.sms("+5511987654321", Map.of()));

        assertThat(result).isEqualTo(DispatchResult.rejected("http 400: invalid number"));
        assertThat(provider.keys).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a_429_is_retried_like_a_5xx() {
        provider.statuses.add(429);
        assertThat(send(adapter().build(), Requests.sms("+5511987654321", Map.of()))).isEqualTo(DispatchResult.accepted("prov-1"));
        assertThat(provider.keys).hasSize(2);
    }

    @Test
    void a_retry_after_header_defers_the_request_in_engine_time_instead_of_sleeping() {
        provider.statuses.add(429);
        provider.retryAfter = "120";
        ContactRequest request = Requests.sms("+5511987654321", Map.of());

        DispatchResult result = send(adapter().build(), request);

        assertThat(result).isEqualTo(DispatchResult.deferred(request.requestedAt().plusSeconds(120),
                "http 429: provider asks to retry after 120 s"));
        assertThat(sleeps).isEmpty();
        assertThat(provider.keys).hasSize(1);
    }

    @Test
    void a_retry_after_date_is_not_trusted_and_the_backoff_applies() {
        provider.statuses.add(503);
        provider.retryAfter = "Wed, 21 Oct 2026 07:28:00 GMT";
        assertThat(send(adapter().build(), Requests.sms("+5511987654321", Map.of()))).isEqualTo(DispatchResult.accepted("prov-1"));
        assertThat(sleeps).containsExactly(Duration.ofMillis(200));
    }

    @Test
    void a_closed_port_fails_retryable() throws IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        WebhookChannelAdapter adapter = WebhookChannelAdapter.builder(URI.create("http://127.0.0.1:" + port + "/sms"))
                .secret(SECRET).sleeper(sleeps::add).maxAttempts(2).requestTimeout(Duration.ofSeconds(1)).build();

        DispatchResult result = send(adapter, Requests.sms("+5511987654321", Map.of()));

        assertThat(result).isInstanceOfSatisfying(DispatchResult.Failed.class, f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).startsWith("I/O error: ").endsWith("after 2 attempt(s)");
        });
    }

    @Test
    void with_templates_the_body_carries_the_text_and_its_sms_segments() {
        TemplateCatalog catalog = TemplateCatalog.builder()
                .template("due-today", "{{firstName}}, sua fatura de {{amount}} vence hoje. Não perca o prazo!").build();
        send(adapter().templates(catalog).build(), Requests.sms("+5511987654321", Map.of()));

        JsonNode body = provider.bodies.get(0);
        assertThat(body.get("text").asText()).isEqualTo("Ana, sua fatura de R$ 1.234,56 vence hoje. Não perca o prazo!");
        assertThat(body.get("sms").get("encoding").asText()).isEqualTo("UCS_2");
        assertThat(body.get("sms").get("segments").asInt()).isEqualTo(1);
    }

    @Test
    void configuration_errors_name_the_value() {
        assertThatThrownBy(() -> WebhookChannelAdapter.builder(URI.create("ftp://x/y")))
                .hasMessage("webhook endpoint must be an http or https URL, but was 'ftp://x/y'");
        assertThatThrownBy(() -> WebhookChannelAdapter.builder(endpoint).secret("short"))
                .hasMessage("webhook secret must have at least 16 characters, but had 5");
        assertThatThrownBy(() -> WebhookChannelAdapter.builder(endpoint).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("webhook adapter for " + endpoint + " needs a secret: call secret(...)");
        assertThatThrownBy(() -> WebhookChannelAdapter.builder(endpoint).maxAttempts(0))
                .hasMessage("webhook max attempts must be between 1 and 10, but was 0");
    }

    @Test
    void the_signature_is_hmac_sha256_hex_of_the_raw_body() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?" (key padded here to the minimum length)
        byte[] body = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign("Jefe-Jefe-Jefe-Jefe", body);
        assertThat(signature).startsWith("sha256=").hasSize(7 + 64);
        assertThat(WebhookSignature.verify("Jefe-Jefe-Jefe-Jefe", body, signature)).isTrue();
        assertThat(WebhookSignature.verify("Jefe-Jefe-Jefe-Jefe", "tampered".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(WebhookSignature.verify("Jefe-Jefe-Jefe-Jefe", body, null)).isFalse();
        assertThat(WebhookSignature.verify("Jefe-Jefe-Jefe-Jefe", body, "sha256=" + signature.substring(7).toUpperCase()))
                .as("hex digits in upper case verify too").isTrue();
    }
}
