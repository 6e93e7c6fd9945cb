package io.cadencerules.channels.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The webhook signature: {@code sha256=<lower-case hex of HMAC-SHA256(secret, raw body bytes)>}, sent in
 * the {@value #HEADER} header. Receivers recompute it over the exact bytes received and compare in
 * constant time ({@link #verify}).
 */
public final class WebhookSignature {

    /** The header that carries the signature. */
    public static final String HEADER = "X-Cadence-Signature";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /**
     * Signs a body.
     *
     * @param secret the shared secret (UTF-8)
     * @param body   the raw body
     * @return {@code sha256=<hex>}
     */
    public static String sign(String secret, byte[] body) {
        Objects.requireNonNull(body, "body");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(requireSecret(secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /**
     * Verifies a signature header value against a body, in constant time.
     *
     * @param secret the shared secret
     * @param body   the raw body as received
     * @param header the header value, may be null
     * @return true when it matches
     */
    public static boolean verify(String secret, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, header.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    static String requireSecret(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("webhook secret must have at least 16 characters, but had "
                    + (secret == null ? "none" : secret.length()));
        }
        return secret;
    }
}
