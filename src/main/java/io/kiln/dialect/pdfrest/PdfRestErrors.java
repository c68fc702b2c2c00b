package io.kiln.dialect.pdfrest;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.kiln.api.ErrorShape;
import io.kiln.api.Json;
import io.kiln.api.Problems;
import io.kiln.error.ErrorCode;
import io.kiln.error.KilnException;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place pdfRest errors are made: {@code {"error": message}} with the status of the error's code. */
final class PdfRestErrors {

    private static final Logger LOG = LoggerFactory.getLogger(PdfRestErrors.class);

    private PdfRestErrors() {
    }

    static Handler guard(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (KilnException e) {
                write(ctx, Problems.status(e.code()), e.getMessage());
            } catch (Exception e) {
                LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                write(ctx, 500, "an internal error occurred");
            }
        };
    }

    /** pdfRest's error body, for the paths the dialect is mounted at. */
    static ErrorShape shape(String prefix, boolean servesUpload) {
        return new ErrorShape() {
            @Override
            public boolean owns(String path) {
                return path.equals(prefix + "/convert") || servesUpload && path.equals(prefix + "/upload")
                        || ErrorShape.under(path, prefix, "/request-status", "/resource")
                        || Arrays.stream(PdfRestOperation.values()).anyMatch(op -> path.equals(prefix + op.path));
            }

            @Override
            public Rendered render(ErrorCode code, String message) {
                return new Rendered(Problems.status(code), "application/json", Json.write(Map.of("error", message)));
            }
        };
    }

    static void write(Context ctx, int status, String message) {
        Problems.retryAfter(ctx, status);
        ctx.status(status).contentType("application/json").result(Json.write(Map.of("error", message)));
    }
}
