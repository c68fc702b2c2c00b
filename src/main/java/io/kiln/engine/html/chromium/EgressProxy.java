package io.kiln.engine.html.chromium;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way out of one browser: an HTTP proxy on loopback that the browser is told to use for
 * everything ({@code --proxy-server}, loopback included). Each request or tunnel is checked by
 * {@link EgressRules} and connected to the checked address; requests for the current
 * {@link DocumentSite} are answered from its files. One proxy per browser, and a browser prints one
 * page at a time, so the refusals it records belong to the render under way.
 */
final class EgressProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EgressProxy.class);

    private final EgressRules rules;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> refusals = new ArrayList<>();
    private volatile DocumentSite site;
    private volatile boolean closed;

    EgressProxy(EgressRules rules) throws IOException {
        this.rules = rules;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        rules.reserve(server.getLocalPort());
        Thread.ofVirtual().name("kiln-chromium-proxy-" + port()).start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    EgressRules rules() {
        return rules;
    }

    /** Starts a render: forgets earlier refusals and serves {@code document} (null for a URL page). */
    void begin(DocumentSite document) {
        synchronized (refusals) {
            refusals.clear();
        }
        site = document;
    }

    /** Ends a render: its document origin stops answering. */
    void end() {
        site = null;
    }

    Optional<DocumentSite> site() {
        return Optional.ofNullable(site);
    }

    /** What was refused since {@link #begin}, oldest first. */
    List<String> refusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }

    void refused(String target, String sentence) {
        LOG.debug("chromium egress refused {}: {}", target, sentence);
        synchronized (refusals) {
            if (refusals.size() < 100) {
                refusals.add(sentence);
            }
        }
    }

    void track(Socket socket) {
        open.add(socket);
    }

    void untrack(Socket socket) {
        open.remove(socket);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                // answers are written as a head and a body: without this, Nagle holds the body back
                // until the head's delayed acknowledgement (tens of ms on every page and asset)
                client.setTcpNoDelay(true);
                track(client);
                Thread.ofVirtual().name("kiln-chromium-egress").start(new ProxyExchange(this, client));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("chromium egress proxy on port {} stopped accepting", port(), e);
                }
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        rules.release(server.getLocalPort());
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : List.copyOf(open)) {
            ProxyExchange.closeQuietly(s);
        }
    }
}
