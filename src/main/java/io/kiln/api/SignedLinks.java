package io.kiln.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Download links that need no API key: {@code /v1/files/{id}/{name}?expires=EPOCH&sig=HMAC}. The
 * signature covers the file id and expiry, so a link cannot be stretched or pointed elsewhere.
 */
public final class SignedLinks {

    private final byte[] key;

    public SignedLinks(byte[] key) {
        this.key = key.clone();
    }

    /** A path (no host) for downloading {@code fileId} until {@code expires}, from the native API. */
    public String path(String fileId, String name, Instant expires) {
        return path("/v1/files", fileId, name, expires);
    }

    /** The same link under another route that serves files by id, e.g. ConvertAPI's {@code /d}. */
    public String path(String root, String fileId, String name, Instant expires) {
        long exp = expires.getEpochSecond();
        return root + "/" + fileId + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                + "?expires=" + exp + "&sig=" + sign(fileId, exp);
    }

    /** The signature alone, as {@code expires=...&sig=...}, for a route that names the file by id only (pdfRest's {@code /resource/{id}}). */
    public String query(String fileId, Instant expires) {
        long exp = expires.getEpochSecond();
        return "expires=" + exp + "&sig=" + sign(fileId, exp);
    }

    /** True when {@code sig} is this server's signature of the id and expiry, and it has not expired. */
    public boolean valid(String fileId, String expires, String sig, Instant now) {
        if (expires == null || sig == null) {
            return false;
        }
        long exp;
        try {
            exp = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return false;
        }
        return now.getEpochSecond() <= exp && MessageDigest.isEqual(
                sign(fileId, exp).getBytes(StandardCharsets.US_ASCII), sig.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String fileId, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] d = mac.doFinal((fileId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
