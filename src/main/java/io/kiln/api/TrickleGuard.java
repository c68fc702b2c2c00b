package io.kiln.api;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Cuts slow-loris clients, per connection: a request body sent (or an answer read) slower than a
 * minimum rate once a grace period has passed, and a request head still arriving a deadline after
 * its first byte. The idle timeout cannot do either — it must outlast a long-poll, and a byte every
 * few seconds keeps a connection from being idle.
 *
 * <p>Hand-written because Jetty's {@code MinimumDataRateHandler} (12.1) judges each request by the
 * handler-wide byte counts of its {@code StatisticsHandler} parent: five hundred trickles among normal
 * traffic add up to a healthy rate and none is cut. Jetty has no request-head deadline at all.
 */
final class TrickleGuard extends Handler.Wrapper implements Connection.Listener {

    /** Far below any real network (a poor mobile link moves 10 KB/s and more), far above a trickle. */
    static final long MIN_BYTES_PER_SECOND = 1024;
    /** A transfer is judged only after this: the first chunks of any client may come in bursts. */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** A request head (8 KiB at most) has this long from its first byte: nginx's is a minute. */
    static final Duration HEAD_DEADLINE = Duration.ofSeconds(20);
    /** How often connections waiting for a head are looked at (a head gets up to one more period). */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(5);

    private final Map<Connection, HeadWatch> waiting = new ConcurrentHashMap<>();
    private volatile Scheduler.Task sweep;

    /** Between requests on one connection: the bytes it had then, and when more were first seen. */
    private static final class HeadWatch {
        volatile boolean inRequest;
        volatile long bytesAtRest;
        volatile long bytesSeenNanos;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        scheduleSweep();
    }

    @Override
    protected void doStop() throws Exception {
        Scheduler.Task task = sweep;
        if (task != null) {
            task.cancel();
        }
        super.doStop();
    }

    @Override
    public void onOpened(Connection connection) {
        waiting.put(connection, new HeadWatch());
    }

    @Override
    public void onClosed(Connection connection) {
        waiting.remove(connection);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Connection connection = request.getConnectionMetaData().getConnection();
        HeadWatch watch = waiting.get(connection);
        if (watch != null) {
            watch.inRequest = true;
            watch.bytesSeenNanos = 0;
            callback = Callback.from(() -> rest(watch, connection), callback); // before the next request may start
        }
        RateRequest rated = new RateRequest(request);
        return super.handle(rated, new RateResponse(rated, response), callback);
    }

    private static void rest(HeadWatch watch, Connection connection) {
        watch.bytesAtRest = connection.getBytesIn();
        watch.bytesSeenNanos = 0;
        watch.inRequest = false;
    }

    private void scheduleSweep() {
        Scheduler scheduler = getServer().getScheduler();
        sweep = scheduler.schedule(() -> {
            if (isRunning()) {
                sweepOnce();
                scheduleSweep();
            }
        }, SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepOnce() {
        long now = NanoTime.now();
        waiting.forEach((connection, watch) -> {
            if (watch.inRequest || connection.getBytesIn() <= watch.bytesAtRest) {
                return; // serving, or idle: the idle timeout looks after quiet connections
            }
            if (watch.bytesSeenNanos == 0) {
                watch.bytesSeenNanos = now;
            } else if (NanoTime.elapsed(watch.bytesSeenNanos, now) >= HEAD_DEADLINE.toNanos()) {
                abort(connection, new TimeoutException("request head not complete within " + HEAD_DEADLINE));
            }
        });
    }

    /** A transfer cut for being too slow; uploads answer it as {@code request_timeout} (408). */
    static final class TooSlow extends TimeoutException {
        TooSlow(String message) {
            super(message);
        }
    }

    /**
     * Closes with a reset: a plain close leaves what the socket still holds for the kernel to trickle
     * out to the same slow client, for hours at its pace.
     */
    static void abort(Connection connection, Throwable why) {
        if (connection.getEndPoint().getTransport() instanceof NetworkChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | UnsupportedOperationException e) {
                // closed already, or not TCP: the plain close below is all there is
            }
        }
        connection.getEndPoint().close(why);
    }

    private static boolean tooSlow(long startedNanos, long bytes) {
        long elapsed = NanoTime.since(startedNanos);
        return elapsed > GRACE.toNanos() && bytes * 1_000_000_000L / elapsed < MIN_BYTES_PER_SECOND;
    }

    /** Counts this request's body bytes; a body arriving too slowly reads as a timeout from then on. */
    private static final class RateRequest extends Request.Wrapper {
        private long startedNanos;
        private long bytes;
        private volatile Content.Chunk cut;

        RateRequest(Request request) {
            super(request);
        }

        @Override
        public void demand(Runnable demandCallback) {
            if (startedNanos == 0) {
                startedNanos = NanoTime.now();
            } else if (cut == null && tooSlow(startedNanos, bytes)) {
                cut = Content.Chunk.from(new TooSlow("the request body arrived slower than " + MIN_BYTES_PER_SECOND
                        + " bytes a second"));
                demandCallback.run();
                return;
            }
            super.demand(demandCallback);
        }

        @Override
        public Content.Chunk read() {
            if (cut != null) {
                return cut;
            }
            Content.Chunk chunk = super.read();
            if (chunk != null) {
                bytes += chunk.remaining();
            }
            return chunk;
        }
    }

    /**
     * Gives each write of the answer {@code max(GRACE, bytes / MIN_BYTES_PER_SECOND)} to be taken by
     * the client, then closes the connection (which fails the write). Only time spent waiting on the
     * reader counts, so an answer written in pieces over minutes (events, a long-poll) is not cut.
     */
    private static final class RateResponse extends Response.Wrapper {

        RateResponse(Request request, Response response) {
            super(request, response);
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            long length = content == null ? 0 : content.remaining();
            if (length == 0) {
                super.write(last, content, callback);
                return;
            }
            long allowedNanos = Math.max(GRACE.toNanos(), length * 1_000_000_000L / MIN_BYTES_PER_SECOND);
            Connection connection = getRequest().getConnectionMetaData().getConnection();
            Scheduler.Task cut = getRequest().getComponents().getScheduler().schedule(() -> abort(connection,
                    new TimeoutException("answer read slower than " + MIN_BYTES_PER_SECOND + " bytes/s")),
                    allowedNanos, TimeUnit.NANOSECONDS);
            super.write(last, content, Callback.from(cut::cancel, callback));
        }
    }
}
