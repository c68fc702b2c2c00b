package io.kiln.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook calls per Standard Webhooks (https://www.standardwebhooks.com). Each call carries
 * <pre>
 * webhook-id:        the delivery id, the same on every retry (receivers drop duplicates by it)
 * webhook-timestamp: the attempt's time in epoch seconds
 * webhook-signature: v1,{base64(HMAC-SHA256(secret, id + "." + timestamp + "." + body))}
 * </pre>
 * To verify, a receiver recomputes the HMAC over the three headers' values and the raw body bytes
 * exactly as received (before any JSON parsing), compares it in constant time with each
 * space-separated {@code v1,} entry of {@code webhook-signature}, and rejects a timestamp more than a
 * few minutes from its own clock (replays). The secret is shared as {@link #whsec()}
 * ({@code whsec_} + base64 of the key bytes), the form the Standard Webhooks libraries take:
 * {@code new Webhook("whsec_…").verify(body, headers)}.
 */
public final class WebhookSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "whsec_";

    private final byte[] secret;

    /** @param secret the server's webhook signing key: random, at least 16 bytes, shared by all nodes */
    public WebhookSigner(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("a webhook signing secret needs at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    /** Reads a secret in its shared form, {@code whsec_} + base64 (the prefix may be left out). */
    public static WebhookSigner fromWhsec(String shared) {
        return new WebhookSigner(keyOf(shared));
    }

    /** Whether {@code value} is written in the shared form (with its {@code whsec_} prefix). */
    public static boolean isShared(String value) {
        return value.strip().startsWith(PREFIX);
    }

    /**
     * The key bytes of a secret in its shared form (the prefix may be left out).
     *
     * @throws IllegalArgumentException when the rest is not base64
     */
    public static byte[] keyOf(String shared) {
        String b64 = isShared(shared) ? shared.strip().substring(PREFIX.length()) : shared.strip();
        return Base64.getDecoder().decode(b64);
    }

    /** {@code key} in the shared form. */
    public static String shared(byte[] key) {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The secret as receivers are given it. */
    public String whsec() {
        return shared(secret);
    }

    /** The {@code webhook-signature} value for one call. */
    public String sign(String id, long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            byte[] digest = mac.doFinal((id + "." + epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[" + secret.length + " bytes]"; // never the secret itself
    }
}
