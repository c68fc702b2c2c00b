package io.kiln.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.awaitility.Awaitility;

/**
 * Mixed native jobs sent to one or more nodes while faults strike: fast PDF jobs, page rendering,
 * office and HTML conversions, a third of them with a webhook. Keeps every job a node accepted (2xx)
 * and watches each one's state the whole time, so that an end that is later undone (seen
 * {@code success}, then queued again) is caught, not only a job that vanished.
 */
final class Workload implements AutoCloseable {

    /** What a job converts; each with the checks its output must pass. */
    enum Kind {
        PDF_INFO("pdf/minimal-document.pdf", "info"),
        PDF_TXT("pdf/pdflatex-4-pages.pdf", "txt"),
        PDF_PNG("pdf/tracemonkey.pdf", "png"),
        DOCX_PDF("docx/testWORD_various.docx", "pdf"),
        HTML_PDF("html/test-invoice.html", "pdf");

        final String file;
        final String to;

        Kind(String file, String to) {
            this.file = file;
            this.to = to;
        }
    }

    /** A job a node answered 2xx for. */
    record Accepted(String id, Kind kind, boolean webhook, int node) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> bases;
    private final List<Kind> kinds;
    private final String webhookUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    /** The first end each job was seen in: status and output checksums. */
    private final Map<String, String> endSeen = new ConcurrentHashMap<>();
    private final List<String> undone = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<Integer, Integer> refusedByStatus = new ConcurrentHashMap<>();
    private final Map<Integer, String> refusalSamples = new ConcurrentHashMap<>();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean submitting = true;
    private volatile boolean watching = true;

    Workload(List<String> bases, List<Kind> kinds, String webhookUrl) {
        this.bases = bases;
        this.kinds = kinds;
        this.webhookUrl = webhookUrl;
    }

    /** Starts {@code submitters} threads sending jobs, each at most {@code perSecond} a second, and one watcher. */
    Workload start(int submitters, double perSecond) {
        for (int i = 0; i < submitters; i++) {
            threads.add(Thread.ofPlatform().daemon().name("workload-submit-" + i).start(() -> submitLoop(perSecond)));
        }
        threads.add(Thread.ofPlatform().daemon().name("workload-watch").start(this::watchLoop));
        return this;
    }

    private void submitLoop(double perSecond) {
        long pause = (long) (1000 / perSecond);
        while (submitting) {
            submitOne();
            pauseQuietly(ThreadLocalRandom.current().nextLong(pause / 2, pause * 3 / 2 + 1));
        }
    }

    /** One job of a random kind to a random node; kept if the node answered 2xx. */
    void submitOne() {
        var rnd = ThreadLocalRandom.current();
        Kind kind = kinds.get(rnd.nextInt(kinds.size()));
        boolean hook = webhookUrl != null && rnd.nextInt(3) == 0;
        int node = rnd.nextInt(bases.size());
        Multipart form = Multipart.form().file("file", Corpus.file(kind.file)).field("to", kind.to);
        if (kind == Kind.PDF_PNG) {
            form.field("pages", "1-3").field("dpi", "40");
        }
        if (hook) {
            form.field("webhook", webhookUrl);
        }
        try {
            HttpResponse<String> r = http.send(form.into(HttpRequest.newBuilder(URI.create(bases.get(node) + "/v1/jobs"))
                    .timeout(Duration.ofSeconds(20))).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) {
                accepted.add(new Accepted(JSON.readTree(r.body()).path("id").asText(), kind, hook, node));
            } else {
                refused.incrementAndGet();
                refusedByStatus.merge(r.statusCode(), 1, Integer::sum);
                refusalSamples.putIfAbsent(r.statusCode(), kind + ": " + r.body());
            }
        } catch (IOException e) {
            unanswered.incrementAndGet(); // the node is down (or went down while answering): not accepted
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void watchLoop() {
        while (watching) {
            for (Accepted a : accepted) {
                look(a).ifPresent(job -> {
                    String status = job.path("status").asText();
                    String end = status + " " + job.path("outputs").findValuesAsText("sha256");
                    String first = endSeen.get(a.id());
                    if (first != null && !first.equals(end)) {
                        undone.add(a.id() + ": seen " + first + ", later " + end);
                    } else if (first == null && isEnd(status)) {
                        endSeen.put(a.id(), end);
                    }
                });
            }
            pauseQuietly(200);
        }
    }

    /** The job as any node sees it now; empty when no node answers (down), {@code {"missing":true}} on 404. */
    Optional<JsonNode> look(Accepted a) {
        for (int i = 0; i < bases.size(); i++) {
            String base = bases.get((a.node() + i) % bases.size());
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/jobs/" + a.id()))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 404) {
                    return Optional.of(JSON.createObjectNode().put("status", "missing"));
                }
                if (r.statusCode() == 200) {
                    return Optional.of(JSON.readTree(r.body()));
                }
            } catch (IOException e) {
                // that node is down: ask another
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static boolean isEnd(String status) {
        return status.equals("success") || status.equals("failed") || status.equals("aborted");
    }

    void stopSubmitting() {
        submitting = false;
    }

    /**
     * How the accepted jobs ended: by status, and each that did not end in success with valid outputs.
     *
     * @param wrong one line per job lost (404), failed, aborted or with a bad output
     */
    record Settled(List<Accepted> accepted, Map<String, Integer> byStatus, List<String> wrong, int maxAttempts) {
    }

    /** Stops submitting, waits until every accepted job has ended (or is gone), then checks each. */
    Settled settle(Duration atMost) {
        stopSubmitting();
        List<Accepted> all = accepted();
        Map<String, JsonNode> ends = new ConcurrentHashMap<>();
        Awaitility.await("every accepted job ends").atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(() -> {
            for (Accepted a : all) {
                if (!ends.containsKey(a.id())) {
                    look(a).filter(j -> isEnd(j.path("status").asText()) || j.path("status").asText().equals("missing"))
                            .ifPresent(j -> ends.put(a.id(), j));
                }
            }
            return ends.size() == all.size();
        });
        Map<String, Integer> byStatus = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        int maxAttempts = 0;
        for (Accepted a : all) {
            JsonNode job = ends.get(a.id());
            String status = job.path("status").asText();
            byStatus.merge(status, 1, Integer::sum);
            maxAttempts = Math.max(maxAttempts, job.path("attempts").asInt());
            if (!status.equals("success")) {
                wrong.add(a.id() + " (" + a.kind() + "): " + status + " " + job.path("error"));
            } else {
                checkOutputs(a, job).ifPresent(why -> wrong.add(a.id() + " (" + a.kind() + "): " + why));
            }
        }
        return new Settled(all, byStatus, wrong, maxAttempts);
    }

    List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    /**
     * The first promise, after a fault: every accepted job ended once, in success with valid outputs,
     * and every webhook arrived, under one delivery id.
     */
    void assertNothingLost(Settled settled, WebhookReceiver.Tally webhooks) {
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        soft.assertThat(settled.wrong()).as("accepted jobs lost, failed or with bad outputs").isEmpty();
        soft.assertThat(undone()).as("ends seen, then undone").isEmpty();
        soft.assertThat(webhooks.twoIds()).as("jobs notified under two delivery ids").isEmpty();
        soft.assertThat(webhooks.undelivered()).as("webhooks not delivered after the fault").isEmpty();
        soft.assertAll();
    }

    /** Jobs whose end was seen and later undone or changed. */
    List<String> undone() {
        return List.copyOf(undone);
    }

    int refused() {
        return refused.get();
    }

    /** The refusals, by HTTP status: a dependency's outage should show as 503 or 507, never 500. */
    Map<Integer, Integer> refusedByStatus() {
        return new TreeMap<>(refusedByStatus);
    }

    /** The first refusal of each status: its kind of job and the answer's body. */
    Map<Integer, String> refusalSamples() {
        return new TreeMap<>(refusalSamples);
    }

    int unanswered() {
        return unanswered.get();
    }

    /**
     * What is wrong with an ended job's outputs, as a user checks them: each downloads with the size and
     * checksum the job names and is a valid file of its kind (PDFs open with PDFBox and have pages,
     * rendered pages are PNGs, text has words, info is JSON). Empty when all is well.
     */
    Optional<String> checkOutputs(Accepted a, JsonNode job) {
        JsonNode outputs = job.path("outputs");
        if (outputs.isEmpty()) {
            return Optional.of("no outputs");
        }
        for (int n = 1; n <= outputs.size(); n++) {
            JsonNode o = outputs.get(n - 1);
            String path = "/v1/jobs/" + a.id() + "/output" + (outputs.size() > 1 ? "/" + n : "");
            byte[] body;
            try {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(bases.get(a.node()) + path))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    return Optional.of(path + " answered " + r.statusCode());
                }
                body = r.body();
            } catch (IOException | InterruptedException e) {
                return Optional.of(path + ": " + e);
            }
            if (!sha256(body).equals(o.path("sha256").asText()) || body.length != o.path("size").asLong()) {
                return Optional.of(path + ": size or checksum differs from the job's");
            }
            Optional<String> wrong = invalid(a.kind(), o.path("ext").asText(), body);
            if (wrong.isPresent()) {
                return Optional.of(path + ": " + wrong.get());
            }
        }
        if (a.kind() == Kind.PDF_PNG && outputs.size() != 3) {
            return Optional.of(outputs.size() + " pages rendered, 3 asked");
        }
        return Optional.empty();
    }

    private static Optional<String> invalid(Kind kind, String ext, byte[] body) {
        try {
            switch (ext) {
                case "pdf" -> {
                    try (PDDocument pdf = Loader.loadPDF(body)) {
                        if (pdf.getNumberOfPages() < 1) {
                            return Optional.of("a PDF without pages");
                        }
                    }
                }
                case "png" -> {
                    if (body.length < 8 || body[1] != 'P' || body[2] != 'N' || body[3] != 'G') {
                        return Optional.of("not a PNG");
                    }
                }
                case "txt" -> {
                    if (new String(body, StandardCharsets.UTF_8).isBlank()) {
                        return Optional.of("empty text");
                    }
                }
                case "json" -> {
                    if (JSON.readTree(body).path("pageCount").asInt() < 1) {
                        return Optional.of("info without pages");
                    }
                }
                case "zip" -> {
                    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
                        for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                            zip.readAllBytes();
                        }
                    }
                }
                default -> {
                    return Optional.of("unexpected output type " + ext + " for " + kind);
                }
            }
        } catch (IOException e) {
            return Optional.of("unreadable " + ext + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void pauseQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        submitting = false;
        watching = false;
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
