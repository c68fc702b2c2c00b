package io.kiln.api;

import io.kiln.error.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to a request it refused before Kiln saw it (headers too large, a bad
 * {@code Content-Length}, a malformed request line), written in the shape of the dialect whose path
 * it was sent to instead of Jetty's HTML page.
 */
final class ShapedErrorHandler extends ErrorHandler {

    private final List<ErrorShape> shapes;

    ShapedErrorHandler(List<ErrorShape> shapes) {
        this.shapes = List.copyOf(shapes);
    }

    /** Every method: Jetty writes a body only for GET, POST and HEAD, so a refused DELETE or PUT got an empty one. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        String path = request.getHttpURI() == null || request.getHttpURI().getPath() == null ? "/"
                : request.getHttpURI().getPath();
        ErrorCode code = codeFor(status);
        ErrorShape.Rendered r = ErrorShape.forPath(shapes, path).render(code, sentence(code, status, message));
        response.setStatus(r.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType() + "; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONNECTION, "close"); // what follows the refused part is unread
        Problems.retryAfterSeconds(r.status()).ifPresent(s -> response.getHeaders().put(HttpHeader.RETRY_AFTER, s));
        response.write(true, ByteBuffer.wrap(r.body().getBytes(StandardCharsets.UTF_8)), callback);
    }

    static ErrorCode codeFor(int status) {
        return switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 408 -> ErrorCode.REQUEST_TIMEOUT;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 414 -> ErrorCode.URI_TOO_LONG;
            case 431 -> ErrorCode.HEADERS_TOO_LARGE;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.MALFORMED_BODY;
        };
    }

    private static String sentence(ErrorCode code, int status, String jettys) {
        String why = jettys == null || jettys.isBlank() ? "" : " (" + jettys + ")";
        return switch (code) {
            case HEADERS_TOO_LARGE -> "the request's headers are larger than the server accepts" + why;
            case URI_TOO_LONG -> "the request's URL is longer than the server accepts" + why;
            case PAYLOAD_TOO_LARGE -> "the request is larger than the server accepts" + why;
            case REQUEST_TIMEOUT -> "the request arrived too slowly" + why;
            case NOT_FOUND -> "no such resource";
            case INTERNAL -> "an internal error occurred";
            default -> "the request could not be read: HTTP " + status + why;
        };
    }
}
