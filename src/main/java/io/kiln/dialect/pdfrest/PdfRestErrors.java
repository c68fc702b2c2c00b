package io.kiln.dialect.pdfrest;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.kiln.api.Json;
import io.kiln.api.Problems;
import io.kiln.error.ErrorCode;
import io.kiln.error.KilnException;
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
                if (e.code() == ErrorCode.QUEUE_FULL) {
                    ctx.header("Retry-After", "5");
                }
                write(ctx, Problems.status(e.code()), e.getMessage());
            } catch (Exception e) {
                LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                write(ctx, 500, "an internal error occurred");
            }
        };
    }

    static void write(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json").result(Json.write(Map.of("error", message)));
    }
}
