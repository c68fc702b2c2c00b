package io.kiln.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hash of what a request asks for (formats, options, input contents or URLs, webhook), so a
 * client-supplied job id sent twice can be told apart: same hash → same job, else 409.
 */
final class RequestFingerprint {

    private RequestFingerprint() {
    }

    /** @param inputIdentities one per input: its SHA-256 for files, its URL for URL inputs */
    static String of(JobRequest r, String from, List<String> inputIdentities) {
        StringBuilder sb = new StringBuilder();
        sb.append("to=").append(r.to()).append('\n').append("from=").append(from).append('\n');
        for (Map.Entry<String, String> e : new TreeMap<>(r.options()).entrySet()) {
            sb.append("opt:").append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        inputIdentities.forEach(i -> sb.append("in:").append(i).append('\n'));
        sb.append("webhook=").append(r.webhook().orElse(""));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
