package io.kiln.api;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.router.EndpointNotFound;
import io.kiln.error.ErrorCode;
import io.kiln.error.KilnException;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import io.javalin.config.RoutesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Javalin server: limits, virtual threads, every route group, and the one error mapping. */
public final class HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /** Connections the kernel may hold for accepting (it caps this at {@code net.core.somaxconn}). */
    static final int ACCEPT_QUEUE = 4096;
    /**
     * Each connection's kernel send buffer (Linux doubles it). Left to autotuning it grows to 4 MiB,
     * so a client reading 128 bytes a second had a whole 2.6 MB answer parked in the kernel, the
     * server none the wiser, for hours. At this size a slow reader blocks the server's writes, where
     * {@link TrickleGuard} can see and cut it; it still carries about 100 Mbit/s at a 40 ms round trip.
     */
    static final int SEND_BUFFER_BYTES = 256 * 1024;

    /** Platform threads for Jetty's acceptor, selectors and non-blocking tasks; handlers run on virtual threads. */
    static final int PLATFORM_THREADS = 32;

    private HttpApi() {
    }

    /**
     * Jetty's own split instead of Javalin's all-virtual pool: accepting and selecting on platform
     * threads (visible in a plain thread dump, never parked in the JDK's virtual-thread poller), each
     * request still on a virtual thread of its own (unbounded, as long-polls need). Adopted while
     * chasing restarts that listened but never served; that turned out to be the write timer of
     * Jetty's MinimumDataRateHandler (docs/reliability.md), not this.
     */
    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(PLATFORM_THREADS, 4);
        pool.setName("kiln-http");
        pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("kiln-http-request"));
        return pool;
    }

    /**
     * @param routeGroups each registers its routes (native API, dialects, system)
     * @param uploadDir where multipart parts larger than memory's share are spooled
     * @param guesses refuses clients that keep asking for ids that do not exist
     * @param accessLog writes each answered request's line and timing
     */
    public static Javalin create(long maxUploadBytes, Path uploadDir, long asyncTimeoutMs,
                                 List<Consumer<RoutesConfig>> routeGroups, List<ErrorShape> shapes, GuessLimit guesses,
                                 AccessLog accessLog) {
        return Javalin.create(config -> {
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new ShapedErrorHandler(shapes));
                server.setRequestLog(accessLog);
                // slow-loris: the idle timeout must outlast a long-poll, so alone it cannot stop a trickle
                TrickleGuard trickles = new TrickleGuard();
                server.setHandler(trickles);
                // the JDK's default listen backlog is 50: a burst of clients (thousands of long-polls
                // opening at once) overflowed it and connections waited on SYN retries for minutes
                server.addEventListener(new LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(LifeCycle event) {
                        for (Connector c : server.getConnectors()) {
                            if (c instanceof ServerConnector sc) {
                                sc.setAcceptQueueSize(ACCEPT_QUEUE);
                                sc.setAcceptedSendBufferSize(SEND_BUFFER_BYTES);
                            }
                            c.addBean(trickles, false); // unmanaged: each connection reports its opening and closing to the guard
                        }
                    }
                });
            });
            config.concurrency.useVirtualThreads = true;
            config.jetty.threadPool = threadPool();
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = Math.min(maxUploadBytes, 64L << 20);
            config.http.asyncTimeout = asyncTimeoutMs;
            config.jetty.multipartConfig.cacheDirectory(uploadDir.toString());
            config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            config.jetty.multipartConfig.maxFileSize(maxUploadBytes, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(maxUploadBytes + (1 << 20), SizeUnit.BYTES);
            config.requestLogger.http(accessLog::noteRoute);
            config.routes.before(RequestIds::assign); // first: every later line and refusal carries the id
            config.routes.before(RequestEncoding::check);
            config.routes.before(guesses::refuseIfSpent);
            routeGroups.forEach(g -> g.accept(config.routes));
            config.routes.after(guesses::count);
            // any refusal (in any dialect's shape) may leave the body unread: drain it so the client reads the answer
            config.routes.after(ctx -> {
                if (ctx.statusCode() >= 400) {
                    UnreadBody.discard(ctx);
                }
            });
            // what reaches these escaped every dialect's own guard, or came before one ran: answered in the shape of the path's dialect
            config.routes.exception(KilnException.class, (e, ctx) -> {
                if (e.getCause() != null) {
                    LOG.debug("{}: {}", e.code().code(), e.getMessage(), e.getCause());
                }
                ErrorShape.forPath(shapes, ctx.path()).write(ctx, e.code(), e.getMessage());
            });
            config.routes.exception(java.util.concurrent.CancellationException.class, (e, ctx) ->
                    ErrorShape.forPath(shapes, ctx.path()).write(ctx, ErrorCode.TIMEOUT,
                            "the server could not answer in time; ask again"));
            // no route for the method and path (Javalin's own answer is a line of plain text)
            config.routes.exception(EndpointNotFound.class, (e, ctx) -> ErrorShape.forPath(shapes, ctx.path())
                    .write(ctx, ErrorCode.NOT_FOUND, "no route for " + ctx.method() + " " + ctx.path()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                ErrorShape.forPath(shapes, ctx.path()).write(ctx, ErrorCode.INTERNAL, "an internal error occurred");
            });
        });
    }
}
