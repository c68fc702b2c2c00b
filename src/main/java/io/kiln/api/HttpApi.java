package io.kiln.api;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.kiln.error.ErrorCode;
import io.kiln.error.KilnException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import io.javalin.config.RoutesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Javalin server: limits, virtual threads, every route group, and the one error mapping. */
public final class HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private HttpApi() {
    }

    /**
     * @param routeGroups each registers its routes (native API, dialects, system)
     * @param uploadDir where multipart parts larger than memory's share are spooled
     */
    public static Javalin create(long maxUploadBytes, Path uploadDir, long asyncTimeoutMs,
                                 List<Consumer<RoutesConfig>> routeGroups, List<ErrorShape> shapes) {
        return Javalin.create(config -> {
            config.jetty.modifyServer(server -> server.setErrorHandler(new ShapedErrorHandler(shapes)));
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = Math.min(maxUploadBytes, 64L << 20);
            config.http.asyncTimeout = asyncTimeoutMs;
            config.jetty.multipartConfig.cacheDirectory(uploadDir.toString());
            config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            config.jetty.multipartConfig.maxFileSize(maxUploadBytes, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(maxUploadBytes + (1 << 20), SizeUnit.BYTES);
            routeGroups.forEach(g -> g.accept(config.routes));
            // any refusal (in any dialect's shape) may leave the body unread: drain it so the client reads the answer
            config.routes.after(ctx -> {
                if (ctx.statusCode() >= 400) {
                    UnreadBody.discard(ctx);
                }
            });
            config.routes.exception(KilnException.class, (e, ctx) -> {
                if (e.getCause() != null) {
                    LOG.debug("{}: {}", e.code().code(), e.getMessage(), e.getCause());
                }
                Problems.write(ctx, e.code(), e.getMessage());
            });
            config.routes.exception(java.util.concurrent.CancellationException.class, (e, ctx) ->
                    Problems.write(ctx, ErrorCode.TIMEOUT, "the server could not answer in time; ask again"));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                Problems.write(ctx, ErrorCode.INTERNAL, "an internal error occurred");
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    ErrorShape.Rendered r = ErrorShape.forPath(shapes, ctx.path()).render(ErrorCode.NOT_FOUND,
                            "no route for " + ctx.method() + " " + ctx.path());
                    ctx.status(r.status()).contentType(r.contentType()).result(r.body());
                }
            });
        });
    }
}
