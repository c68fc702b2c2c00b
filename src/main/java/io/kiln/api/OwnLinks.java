package io.kiln.api;

import io.kiln.job.FileService;
import io.kiln.job.JobInput;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises Kiln's own signed download links among URL inputs (clients chain jobs by passing an
 * output's URL back in). Such a link is resolved to the stored file instead of being fetched, and
 * only for the tenant that owns the file; the signature, not the host name, proves it is ours.
 */
public final class OwnLinks {

    /** The native {@code /v1/files/{id}/{name}}, or ConvertAPI's {@code /d/{id}/{name}} under its mount. */
    private static final Pattern FILE_PATH = Pattern.compile("^(?:/v1/files|(?:/[^/]+)*/d)/([0-9a-fA-F-]{36})/[^/]+$");

    private final SignedLinks links;
    private final FileService files;
    private final Clock clock;

    public OwnLinks(SignedLinks links, FileService files, Clock clock) {
        this.links = links;
        this.files = files;
        this.clock = clock;
    }

    /** The stored-file input a URL stands for, when it is a valid link to a file of this tenant. */
    public Optional<JobInput> resolve(String url, String tenant) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (Exception e) {
            return Optional.empty();
        }
        Matcher m = FILE_PATH.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (!m.matches() || uri.getRawQuery() == null) {
            return Optional.empty();
        }
        Map<String, String> q = query(uri.getRawQuery());
        String id = m.group(1);
        if (!links.valid(id, q.get("expires"), q.get("sig"), clock.instant())) {
            return Optional.empty();
        }
        return files.find(tenant, id).map(f -> JobInput.file(f.id()));
    }

    /** The input for {@code url}: the stored file it links to, or the URL itself. */
    public JobInput input(String url, String tenant) {
        return resolve(url, tenant).orElseGet(() -> JobInput.url(url));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
