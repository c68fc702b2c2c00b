package io.kiln.api;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.kiln.error.ErrorCode;
import io.kiln.error.KilnException;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import io.javalin.config.RoutesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Javalin server: limits, virtual threads, every route group, and the one error mapping. */
public final class HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /** Far below any real network (a poor mobile link moves 10 KB/s and more), far above a trickle. */
    static final long MIN_READ_BYTES_PER_SECOND = 1024;
    static final long MIN_WRITE_BYTES_PER_SECOND = 1024;
    /** Connections the kernel may hold for accepting (it caps this at {@code net.core.somaxconn}). */
    static final int ACCEPT_QUEUE = 4096;

    private HttpApi() {
    }

    /**
     * @param routeGroups each registers its routes (native API, dialects, system)
     * @param uploadDir where multipart parts larger than memory's share are spooled
     */
    public static Javalin create(long maxUploadBytes, Path uploadDir, long asyncTimeoutMs,
                                 List<Consumer<RoutesConfig>> routeGroups, List<ErrorShape> shapes) {
        return Javalin.create(config -> {
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new ShapedErrorHandler(shapes));
                // a client that sends its upload (or reads its answer) slower than this is cut: the
                // idle timeout must outlast a long-poll, so alone it cannot stop a trickle (slow-loris)
                server.setHandler(new MinimumDataRateHandler(MIN_READ_BYTES_PER_SECOND, MIN_WRITE_BYTES_PER_SECOND));
                // the JDK's default listen backlog is 50: a burst of clients (thousands of long-polls
                // opening at once) overflowed it and connections waited on SYN retries for minutes
                server.addEventListener(new LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(LifeCycle event) {
                        for (Connector c : server.getConnectors()) {
                            if (c instanceof ServerConnector sc) {
                                sc.setAcceptQueueSize(ACCEPT_QUEUE);
                            }
                        }
                    }
                });
            });
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
