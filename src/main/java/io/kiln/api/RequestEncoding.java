package io.kiln.api;

import io.javalin.http.Context;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.MimeTypes;

/**
 * Refuses, before any handler runs, what in a request cannot be decoded: a percent escape in the
 * path that is none (Jetty lets {@code %u0041} through) and a body charset the JDK does not know
 * ({@code charset=bogus}). Met later, each throws inside the framework — decoding a path parameter,
 * or any call of {@code ctx.contentType()} — where it was a 500; here it is the client's 400.
 */
final class RequestEncoding {

    private RequestEncoding() {
    }

    static void check(Context ctx) {
        try {
            URLDecoder.decode(ctx.path(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "the path has a malformed percent escape");
        }
        String type = ctx.header("Content-Type");
        String charset = type == null ? null : MimeTypes.getCharsetFromContentType(type);
        if (charset != null && !known(charset)) {
            throw new RequestRejected(ErrorCode.MALFORMED_BODY, "the Content-Type names a charset the server does not know");
        }
    }

    private static boolean known(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
