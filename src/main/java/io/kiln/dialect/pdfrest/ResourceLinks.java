package io.kiln.dialect.pdfrest;

import io.kiln.api.SignedLinks;
import java.time.Instant;

/**
 * pdfRest's resource links: {@code <base>/resource/<id>?format=file}, plus Kiln's signature and expiry
 * so a client may fetch them without its key, as pdfRest's own links allow.
 */
final class ResourceLinks {

    static final String ROOT = "/resource/";

    private final SignedLinks links;
    private final String prefix;

    ResourceLinks(SignedLinks links, String prefix) {
        this.links = links;
        this.prefix = prefix;
    }

    String url(String base, String fileId, Instant expires) {
        return base + prefix + ROOT + fileId + "?format=file&" + links.query(fileId, expires);
    }

    boolean valid(String fileId, String expires, String sig, Instant now) {
        return links.valid(fileId, expires, sig, now);
    }
}
