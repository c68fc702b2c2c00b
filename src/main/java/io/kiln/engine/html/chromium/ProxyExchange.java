package io.kiln.engine.html.chromium;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One browser connection to the {@link EgressProxy}: a {@code CONNECT} tunnel (https, wss) or one
 * plain-http request. The target is vetted before any byte goes out, and the upstream connection is
 * made to the vetted address, never by name. A plain request is forwarded with {@code Connection:
 * close} both ways, so every request arrives on a new connection and is vetted on its own.
 */
final class ProxyExchange implements Runnable {

    private static final int CONNECT_TIMEOUT_MS = 15_000;
    /** A server silent this long is dropped, so a stalled connection does not hold a thread until the browser's restart. */
    private static final int IDLE_TIMEOUT_MS = 120_000;
    /** Marks a refusal so the renderer can tell it from the page's own 403. */
    static final String REFUSED_HEADER = "X-Kiln-Refused";

    private final EgressProxy proxy;
    private final Socket client;

    ProxyExchange(EgressProxy proxy, Socket client) {
        this.proxy = proxy;
        this.client = client;
    }

    @Override
    public void run() {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            List<String> head = HttpHead.read(in);
            if (head.isEmpty()) {
                return;
            }
            String[] line = head.getFirst().split(" ");
            if (line.length != 3) {
                answer(out, 400, "Bad Request", false);
                return;
            }
            if (line[0].equalsIgnoreCase("CONNECT")) {
                tunnel(line[1], in, out);
            } else {
                forward(line[0], line[1], line[2], head.subList(1, head.size()), in, out);
            }
        } catch (IOException e) {
            // the browser or the server went away; nothing to tell anyone
        } finally {
            proxy.untrack(client);
        }
    }

    private void tunnel(String authority, InputStream in, OutputStream out) throws IOException {
        int colon = authority.lastIndexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        int port = colon < 0 ? 443 : parsePort(authority.substring(colon + 1));
        if (host.toLowerCase(Locale.ROOT).endsWith(DocumentSite.DOMAIN)) {
            refuse(out, authority, "The document's own origin is not served over TLS.");
            return;
        }
        Optional<Socket> upstream = connect(authority, host, port, out);
        if (upstream.isEmpty()) {
            return;
        }
        try (Socket server = upstream.get()) {
            out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            pipe(in, server, out);
        }
    }

    private void forward(String method, String target, String version, List<String> headers, InputStream in,
                         OutputStream out) throws IOException {
        URI url;
        try {
            url = new URI(target);
        } catch (URISyntaxException e) {
            answer(out, 400, "Bad Request", false);
            return;
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            refuse(out, target, "Only http and https can be loaded, not " + url.getScheme() + ".");
            return;
        }
        String host = url.getHost();
        Optional<DocumentSite> site = proxy.site().filter(s -> s.host().equalsIgnoreCase(host));
        if (host.toLowerCase(Locale.ROOT).endsWith(DocumentSite.DOMAIN)) {
            serveDocument(method, url, site, out);
            return;
        }
        int port = url.getPort() < 0 ? 80 : url.getPort();
        Optional<Socket> upstream = connect(target, host, port, out);
        if (upstream.isEmpty()) {
            return;
        }
        try (Socket server = upstream.get()) {
            OutputStream up = server.getOutputStream();
            StringBuilder request = new StringBuilder();
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            request.append(method).append(' ').append(path)
                    .append(url.getRawQuery() == null ? "" : "?" + url.getRawQuery())
                    .append(' ').append(version).append("\r\n");
            for (String h : HttpHead.endToEnd(headers)) {
                request.append(h).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            up.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            up.flush();
            // the request body (if any) flows up while the answer's head is rewritten on the way down
            Thread body = Thread.ofVirtual().start(() -> copyQuietly(in, up));
            InputStream down = new BufferedInputStream(server.getInputStream());
            List<String> response = HttpHead.read(down);
            if (response.isEmpty()) {
                return;
            }
            StringBuilder answer = new StringBuilder(response.getFirst()).append("\r\n");
            for (String h : HttpHead.endToEnd(response.subList(1, response.size()))) {
                answer.append(h).append("\r\n");
            }
            answer.append("Connection: close\r\nProxy-Connection: close\r\n\r\n");
            out.write(answer.toString().getBytes(StandardCharsets.ISO_8859_1));
            down.transferTo(out);
            out.flush();
            body.interrupt();
        } finally {
            proxy.untrack(upstream.get());
        }
    }

    private void serveDocument(String method, URI url, Optional<DocumentSite> site, OutputStream out) throws IOException {
        Optional<Path> file = site.flatMap(s -> s.file(url.getRawPath() == null ? "/" : url.getRawPath()));
        if (file.isEmpty() || !(method.equals("GET") || method.equals("HEAD"))) {
            answer(out, 404, "Not Found", false);
            return;
        }
        long size = Files.size(file.get());
        String head = "HTTP/1.1 200 OK\r\nContent-Type: " + site.get().contentType(file.get())
                + "\r\nContent-Length: " + size + "\r\nCache-Control: no-store\r\nConnection: close\r\n"
                + "Proxy-Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (method.equals("GET")) {
            Files.copy(file.get(), out);
        }
        out.flush();
    }

    /** Connects to the vetted address of {@code host}, or answers the refusal and returns empty. */
    private Optional<Socket> connect(String target, String host, int port, OutputStream out) throws IOException {
        List<InetAddress> addresses;
        try {
            addresses = proxy.rules().vet(host, port);
        } catch (EgressRefused refused) {
            refuse(out, target, refused.getMessage());
            return Optional.empty();
        } catch (UnknownHostException unknown) {
            answer(out, 502, "Unknown Host", false);
            return Optional.empty();
        }
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket server = new Socket();
            try {
                server.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
                server.setSoTimeout(IDLE_TIMEOUT_MS);
                proxy.track(server);
                return Optional.of(server);
            } catch (IOException e) {
                closeQuietly(server);
                last = e;
            }
        }
        answer(out, 502, "Bad Gateway", false);
        if (last != null) {
            throw last;
        }
        return Optional.empty();
    }

    private void refuse(OutputStream out, String target, String sentence) throws IOException {
        proxy.refused(target, sentence);
        answer(out, 403, "Forbidden", true);
    }

    /** Both directions at once until either side closes. */
    private void pipe(InputStream in, Socket server, OutputStream out) throws IOException {
        OutputStream up = server.getOutputStream();
        Thread upward = Thread.ofVirtual().start(() -> {
            copyQuietly(in, up);
            closeQuietly(server);
        });
        try {
            server.getInputStream().transferTo(out);
        } catch (IOException e) {
            // either side closed
        } finally {
            proxy.untrack(server);
            closeQuietly(server);
            closeQuietly(client);
            upward.interrupt();
        }
    }

    private static void answer(OutputStream out, int status, String reason, boolean refused) throws IOException {
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: 0\r\n"
                + (refused ? REFUSED_HEADER + ": 1\r\n" : "") + "Connection: close\r\nProxy-Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void copyQuietly(InputStream in, OutputStream out) {
        try {
            in.transferTo(out);
            out.flush();
        } catch (IOException e) {
            // the other side closed
        }
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
