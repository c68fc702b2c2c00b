package io.kiln.api;

import io.javalin.http.Context;
import io.kiln.error.ErrorCode;
import java.util.List;

/**
 * How a dialect answers an error, for the refusals that happen before any of its handlers runs: the
 * server refusing the request itself (headers too large, a bad {@code Content-Length}, a malformed
 * request line) and paths with no route. Each dialect registers one for the paths it owns; every
 * other path gets the native problem document.
 */
public interface ErrorShape {

    /** An error as the client will get it. */
    record Rendered(int status, String contentType, String body) {
    }

    /** Whether a request to {@code path} is addressed to this dialect. */
    boolean owns(String path);

    Rendered render(ErrorCode code, String message);

    /** Answers with this shape's error and the headers any refusal carries ({@code Retry-After}, {@code Connection}). */
    default void write(Context ctx, ErrorCode code, String message) {
        Rendered r = render(code, message);
        Problems.retryAfter(ctx, r.status());
        Problems.closeIfBodyUnread(ctx, code);
        ctx.status(r.status()).contentType(r.contentType()).result(r.body());
    }

    /** The native API's shape: an RFC 9457 problem document. */
    ErrorShape NATIVE = new ErrorShape() {
        @Override
        public boolean owns(String path) {
            return true;
        }

        @Override
        public Rendered render(ErrorCode code, String message) {
            return new Rendered(Problems.status(code), Problems.CONTENT_TYPE, Json.write(Problems.body(code, message)));
        }

        @Override
        public void write(Context ctx, ErrorCode code, String message) {
            Problems.write(ctx, code, message);
        }
    };

    /** The shape for {@code path}: the first dialect that owns it, else the native one. */
    static ErrorShape forPath(List<ErrorShape> shapes, String path) {
        return shapes.stream().filter(s -> s.owns(path)).findFirst().orElse(NATIVE);
    }

    /** True when {@code path} is {@code prefix + p} or under it, for one of {@code starts}. */
    static boolean under(String path, String prefix, String... starts) {
        for (String s : starts) {
            String full = prefix + s;
            if (path.equals(full) || path.startsWith(full.endsWith("/") ? full : full + "/")) {
                return true;
            }
        }
        return false;
    }
}
