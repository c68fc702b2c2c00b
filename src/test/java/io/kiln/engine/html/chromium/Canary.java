package io.kiln.engine.html.chromium;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An HTTP server on loopback that counts every request it gets: a page reaching it is an SSRF. */
final class Canary implements AutoCloseable {

    private final HttpServer server;
    private final List<String> hits = new CopyOnWriteArrayList<>();
    private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();

    Canary() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hits.add(exchange.getRequestURI().toString());
            headers.add(Map.copyOf(exchange.getRequestHeaders()));
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/redirect")) {
                exchange.getResponseHeaders().add("Location", exchange.getRequestURI().getQuery().substring("to=".length()));
                exchange.sendResponseHeaders(302, -1);
            } else {
                byte[] body = "<html><body><h1>CANARY PAGE</h1></body></html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    List<String> hits() {
        return List.copyOf(hits);
    }

    List<Map<String, List<String>>> headers() {
        return List.copyOf(headers);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
