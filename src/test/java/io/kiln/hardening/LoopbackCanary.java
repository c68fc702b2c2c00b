package io.kiln.hardening;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An HTTP server on the wildcard address (so every local address, IPv4 and IPv6, reaches it) that
 * records each request it hears and answers {@code status} with no body: what the SSRF scenarios
 * must never hear from.
 */
final class LoopbackCanary implements AutoCloseable {

    private final HttpServer server;
    private final List<String> hits = new CopyOnWriteArrayList<>();

    LoopbackCanary(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            hits.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " from " + exchange.getRemoteAddress());
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** What it heard, oldest first (a live view: the scenarios clear it after checking it hears). */
    List<String> hits() {
        return hits;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
