package io.kiln.dialect.pdfco;

import com.sun.net.httpserver.HttpServer;
import io.kiln.testing.Corpus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web server on a loopback port serving the corpus, for the seeds' {@code https://example.com/document.pdf}
 * inputs: {@code url("pdf/cweb.pdf")} is that corpus file. Kiln reaches it with {@code --allow-hosts 127.0.0.1}.
 */
public final class CorpusOrigin implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();

    public CorpusOrigin() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            try (exchange) {
                Path file = Corpus.root().resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
                if (!file.startsWith(Corpus.root()) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, Files.size(file));
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(file, out);
                }
            }
        });
        server.start();
    }

    /** The URL of a corpus file, e.g. {@code url("pdf/cweb.pdf")}. */
    public String url(String corpusPath) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + corpusPath;
    }

    public int hits() {
        return hits.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
