package io.kiln.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback web server standing in for the seeds' {@code http://example.com}: serves corpus files
 * by path, holds "held" paths until {@link #release()} (a conversion still running), records the
 * requests it gets (a webhook receiver too).
 */
public final class Origin implements AutoCloseable {

    private final HttpServer server;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public Origin() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public Origin serve(String path, Path file) {
        return serve(path, file, false);
    }

    /** Serves {@code file} only once {@link #release()} is called. */
    public Origin serveHeld(String path, Path file) {
        return serve(path, file, true);
    }

    private Origin serve(String path, Path file, boolean held) {
        server.createContext(path, ex -> {
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            try (ex) {
                if (held && !gate.await(60, TimeUnit.SECONDS)) {
                    ex.sendResponseHeaders(504, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return this;
    }

    public void release() {
        gate.countDown();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /** Every request so far as {@code METHOD /path?query}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
