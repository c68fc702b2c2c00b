package io.kiln.hardening;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on loopback that speaks HTTP on a bare socket, so that it can misbehave as no
 * HTTP server library lets it: at its {@link Pace} it answers 200 at once, never (it holds the
 * connection until the caller gives up), a byte a second (the status line too, so that no single
 * read ever waits long), or only after {@link #LATE_BY}. It records every call with what a Standard
 * Webhooks receiver verifies, and counts the connections its caller holds open.
 */
final class SlowReceiver implements AutoCloseable {

    enum Pace { PROMPT, HANG, TRICKLE, LATE }

    static final Duration LATE_BY = Duration.ofSeconds(20);
    /** What a trickle waits between two bytes of its answer. */
    private static final Duration TRICKLE_GAP = Duration.ofSeconds(1);
    /** The most the caller may take to send its request: the sender's calls are small and sent at once. */
    private static final Duration REQUEST_WITHIN = Duration.ofSeconds(30);
    private static final byte[] ANSWER = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One call as it arrived.
     *
     * @param pace how this receiver treated it (its pace when the call came)
     * @param arrivedNanos {@link System#nanoTime()} when the request had been read
     */
    record Call(String webhookId, String timestamp, String signature, String body, Pace pace, long arrivedNanos) {

        /** The id of the job the body is about. */
        String jobId() {
            try {
                return JSON.readTree(body).path("id").asText();
            } catch (IOException e) {
                return "(not JSON: " + body + ")";
            }
        }

        /** As a Standard Webhooks receiver checks it: HMAC-SHA256 of {@code id.timestamp.body}, compared in constant time. */
        boolean verifies(byte[] key) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                byte[] expected = mac.doFinal((webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
                for (String entry : String.valueOf(signature).split(" ")) {
                    if (entry.startsWith("v1,") && MessageDigest.isEqual(expected,
                            Base64.getDecoder().decode(entry.substring("v1,".length())))) {
                        return true;
                    }
                }
                return false;
            } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }

    private final ServerSocket server;
    private volatile Pace pace;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Call> answered = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger mostOpen = new AtomicInteger();

    SlowReceiver(Pace pace) {
        this.pace = pace;
        try {
            server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("slow-receiver-" + server.getLocalPort()).start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                mostOpen.accumulateAndGet(open.size(), Math::max);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout((int) REQUEST_WITHIN.toMillis());
            InputStream in = new BufferedInputStream(s.getInputStream());
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            line(in); // the request line
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
                }
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("Content-Length", "0")));
            Pace now = pace;
            Call call = new Call(headers.get("webhook-id"), headers.get("webhook-timestamp"),
                    headers.get("webhook-signature"), new String(body, StandardCharsets.UTF_8), now, System.nanoTime());
            calls.add(call);
            if (answer(s, in, now)) {
                answered.add(call);
            }
        } catch (IOException gone) {
            // the caller gave up (or the receiver is closing): no answer was given
        } finally {
            open.remove(s);
        }
    }

    /** Answers at {@code pace}; true once the whole answer was written, false when the caller left first. */
    private static boolean answer(Socket s, InputStream in, Pace pace) throws IOException {
        OutputStream out = s.getOutputStream();
        switch (pace) {
            case HANG -> {
                callerLeftWithin(s, in, Duration.ZERO);
                return false;
            }
            case LATE -> {
                if (callerLeftWithin(s, in, LATE_BY)) {
                    return false;
                }
                out.write(ANSWER);
            }
            case TRICKLE -> {
                for (byte b : ANSWER) {
                    out.write(b);
                    out.flush();
                    if (callerLeftWithin(s, in, TRICKLE_GAP)) {
                        return false;
                    }
                }
            }
            case PROMPT -> out.write(ANSWER);
        }
        out.flush();
        return true;
    }

    /** Waits up to {@code wait} (zero: for ever) for the caller to close the connection; true if it did. */
    private static boolean callerLeftWithin(Socket s, InputStream in, Duration wait) throws IOException {
        s.setSoTimeout((int) wait.toMillis());
        try {
            return in.read() < 0; // the sender sends nothing more on a connection it waits on
        } catch (SocketTimeoutException stillThere) {
            return false;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection ended inside the request head");
            }
            if (b != '\r') {
                buf.write(b);
            }
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hooks/kiln";
    }

    /** From the next call on. */
    void pace(Pace next) {
        pace = next;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Calls whose whole answer was written before the caller left. */
    List<Call> answered() {
        return List.copyOf(answered);
    }

    /** Connections the caller holds open now. */
    int openConnections() {
        return open.size();
    }

    /** The most connections the caller held open at once. */
    int mostOpenConnections() {
        return mostOpen.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
