package io.kiln.fetch;

import static io.kiln.fetch.LocalHttpServer.chunked;
import static io.kiln.fetch.LocalHttpServer.redirect;
import static io.kiln.fetch.LocalHttpServer.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.error.KilnException;
import io.kiln.error.RequestRejected;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UrlFetcherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long LIMIT = 1_000_000;

    /** Fake DNS: {@code files.test} is this machine; anything else goes to the real resolver. */
    private static final NameLookup LOOKUP = host -> switch (host) {
        case "files.test" -> List.of(InetAddress.getByName("127.0.0.1"));
        case "mixed.test" -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("127.0.0.1"));
        default -> NameLookup.system().lookup(host);
    };

    @TempDir
    Path dir;

    private final LocalHttpServer server = new LocalHttpServer();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void loopbackIsRefusedByDefaultWithoutTouchingTheServer() {
        server.on("/doc.txt", text(200, "secret", Map.of()));
        try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.STRICT, LOOKUP)) {
            for (URI url : List.of(server.url("/doc.txt"), uri("http://files.test:%d/doc.txt"),
                    uri("http://[::ffff:127.0.0.1]:%d/doc.txt"), uri("http://localhost:%d/doc.txt"))) {
                assertRefusedBeforeFetching(() -> fetcher.fetch(url, target(), LIMIT, TIMEOUT, Map.of()), url);
                assertRefusedBeforeFetching(() -> fetcher.check(url), url);
            }
        }
        assertThat(server.requests()).isZero();
        assertThat(target()).doesNotExist();
    }

    @Test
    void loopbackInNonStandardFormsAndLoopbackNamesAreRefusedAtAdmission() {
        // the machine's own resolver: forms it cannot resolve must still be refused, not passed as a DNS blip
        try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.STRICT, NameLookup.system())) {
            for (String host : List.of("0177.0.0.1", "0x7f000001", "127.1", "2130706433", "0x7f.1", "017700000001",
                    "127.0.0.1.", "localhost.", "LOCALHOST", "foo.localhost", "localhost.localdomain", "ip6-localhost")) {
                URI url = URI.create("http://" + host + ":" + server.port() + "/doc.txt");
                assertRefusedBeforeFetching(() -> fetcher.check(url), url);
                assertRefusedBeforeFetching(() -> fetcher.fetch(url, target(), LIMIT, TIMEOUT, Map.of()), url);
            }
        }
        assertThat(server.requests()).isZero();
    }

    @Test
    void aHostWithAnyForbiddenAddressIsRefused() {
        try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.STRICT, LOOKUP)) {
            assertRefusedBeforeFetching(() -> fetcher.check(URI.create("http://mixed.test/")), null);
            assertRefusedBeforeFetching(() -> fetcher.check(URI.create("http://metadata.google.internal/")), null);
        }
    }

    @Test
    void allowListedLoopbackIsFetched() throws Exception {
        server.on("/files/report.txt", text(200, "hello kiln", Map.of("Content-Type", "Text/Plain; charset=utf-8")));
        try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.parse("127.0.0.1"), LOOKUP)) {
            fetcher.check(server.url("/files/report.txt"));
            FetchedFile file = fetcher.fetch(server.url("/files/report.txt"), target(), LIMIT, TIMEOUT, Map.of());

            assertThat(file).isEqualTo(new FetchedFile(
                    server.url("/files/report.txt"), target(), "report.txt", "text/plain", 10));
            assertThat(target()).hasContent("hello kiln");
        }
    }

    @Test
    void aHostAllowedByNameIsFetched() throws Exception {
        server.on("/a", text(200, "by name", Map.of()));
        try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.parse("files.test"), LOOKUP)) {
            FetchedFile file = fetcher.fetch(uri("http://files.test:%d/a"), target(), LIMIT, TIMEOUT, Map.of());
            assertThat(file.size()).isEqualTo(7);
            assertThat(file.contentType()).isEqualTo("application/octet-stream");
        }
    }

    @Test
    void redirectsAreFollowedAndTheFinalUrlReported() throws Exception {
        server.on("/old", redirect("/new/data.csv#frag")).on("/new/data.csv", text(200, "a,b", Map.of()));
        try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.parse("files.test"), LOOKUP)) {
            FetchedFile file = fetcher.fetch(uri("http://files.test:%d/old"), target(), LIMIT, TIMEOUT, Map.of());
            assertThat(file.finalUrl()).isEqualTo(uri("http://files.test:%d/new/data.csv"));
            assertThat(file.fileName()).isEqualTo("data.csv");
        }
    }

    @Test
    void relativeRedirectsResolveAgainstAnEmptyPath() throws Exception {
        server.on("/", redirect("target.txt")).on("/target.txt", text(200, "t", Map.of()));
        try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.parse("127.0.0.1"), LOOKUP)) {
            URI bare = URI.create("http://127.0.0.1:" + server.port());
            assertThat(fetcher.fetch(bare, target(), LIMIT, TIMEOUT, Map.of()).finalUrl())
                    .isEqualTo(server.url("/target.txt"));
        }
    }

    @Test
    void aRedirectFromAnAllowedHostToAForbiddenOneIsRefused() {
        try (LocalHttpServer internal = new LocalHttpServer("127.0.0.2")) {
            internal.on("/admin", text(200, "internal", Map.of()));
            server.on("/to-internal", redirect(internal.url("/admin").toString()))
                    .on("/to-metadata", redirect("http://169.254.169.254/latest/meta-data/"))
                    .on("/to-mapped", redirect("http://[::ffff:127.0.0.2]:" + internal.port() + "/admin"));
            try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.parse("files.test"), LOOKUP)) {
                for (String path : List.of("/to-internal", "/to-metadata", "/to-mapped")) {
                    assertThatThrownBy(() -> fetcher.fetch(uri("http://files.test:%d" + path), target(),
                            LIMIT, TIMEOUT, Map.of()))
                            .as(path)
                            .isInstanceOf(ConversionFailed.class)
                            .hasMessageStartingWith("A redirect was refused:")
                            .extracting(e -> ((KilnException) e).code()).isEqualTo(ErrorCode.URL_FORBIDDEN);
                }
            }
            assertThat(internal.requests()).isZero();
            assertThat(server.hits("/to-internal")).isEqualTo(1);
        }
    }

    @Test
    void onlyHttpAndHttpsSchemesAreFetched() {
        server.on("/to-ftp", redirect("ftp://127.0.0.1/file")).on("/to-file", redirect("file:///etc/passwd"));
        try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.parse("127.0.0.1"), LOOKUP)) {
            for (String url : List.of("file:///etc/passwd", "ftp://example.com/a.pdf", "gopher://x/", "/relative",
                    "jar:file:/x.jar!/a", "http:///no-host")) {
                assertRefusedBeforeFetching(() -> fetcher.check(URI.create(url)), null);
                assertRefusedBeforeFetching(
                        () -> fetcher.fetch(URI.create(url), target(), LIMIT, TIMEOUT, Map.of()), null);
            }
            for (String path : List.of("/to-ftp", "/to-file")) {
                assertThatThrownBy(() -> fetcher.fetch(server.url(path), target(), LIMIT, TIMEOUT, Map.of()))
                        .isInstanceOf(ConversionFailed.class)
                        .hasMessageContaining("Only http and https")
                        .extracting(e -> ((KilnException) e).code()).isEqualTo(ErrorCode.URL_FORBIDDEN);
            }
        }
    }

    @Test
    void redirectLoopsStopAfterFiveHops() {
        server.on("/loop", redirect("/loop"));
        try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.parse("127.0.0.1"), LOOKUP)) {
            assertFetchFailed(() -> fetcher.fetch(server.url("/loop"), target(), LIMIT, TIMEOUT, Map.of()),
                    ErrorCode.URL_FETCH_FAILED, "more than 5");
        }
        assertThat(server.hits("/loop")).isEqualTo(UrlFetcher.MAX_REDIRECTS + 1);
    }

    @Test
    void errorStatusesFailTheFetchAndSaySo() {
        server.on("/missing", text(404, "nope", Map.of())).on("/broken", text(503, "", Map.of()));
        try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.parse("127.0.0.1"), LOOKUP)) {
            assertFetchFailed(() -> fetcher.fetch(server.url("/missing?token=s3cret"), target(), LIMIT, TIMEOUT,
                    Map.of()), ErrorCode.URL_FETCH_FAILED, "HTTP 404");
            assertThatThrownBy(() -> fetcher.fetch(server.url("/missing?token=s3cret"), target(), LIMIT, TIMEOUT,
                    Map.of())).hasMessageNotContaining("s3cret");
            assertFetchFailed(() -> fetcher.fetch(server.url("/broken"), target(), LIMIT, TIMEOUT, Map.of()),
                    ErrorCode.URL_FETCH_FAILED, "HTTP 503");
        }
        assertThat(target()).doesNotExist();
    }

    @Test
    void bodiesOverTheLimitAreRefusedWhetherDeclaredOrNot() {
        server.on("/declared", text(200, "x".repeat(2000), Map.of())).on("/endless", chunked(50_000_000));
        try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.parse("127.0.0.1"), LOOKUP)) {
            assertFetchFailed(() -> fetcher.fetch(server.url("/declared"), target(), 1000, TIMEOUT, Map.of()),
                    ErrorCode.PAYLOAD_TOO_LARGE, "1000 bytes");
            assertFetchFailed(() -> fetcher.fetch(server.url("/endless"), target(), 100_000, TIMEOUT, Map.of()),
                    ErrorCode.PAYLOAD_TOO_LARGE, "100000 bytes");
        }
        assertThat(target()).doesNotExist();
    }

    @Test
    void aBodyExactlyAtTheLimitIsAccepted() throws Exception {
        server.on("/exact", chunked(100_000));
        try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.parse("127.0.0.1"), LOOKUP)) {
            assertThat(fetcher.fetch(server.url("/exact"), target(), 100_000, TIMEOUT, Map.of()).size())
                    .isEqualTo(100_000);
            assertThat(Files.size(target())).isEqualTo(100_000);
        }
    }

    @Test
    void aSlowServerTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.on("/slow", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.parse("127.0.0.1"), LOOKUP)) {
            assertFetchFailed(() -> fetcher.fetch(server.url("/slow"), target(), LIMIT, Duration.ofMillis(300),
                    Map.of()), ErrorCode.URL_FETCH_FAILED, "took longer than 300 ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void contentDispositionNamesTheFile() throws Exception {
        server.on("/plain", text(200, "1", Map.of("Content-Disposition", "attachment; filename=\"Q3 report.docx\"")))
                .on("/extended", text(200, "2", Map.of("Content-Disposition",
                        "attachment; filename=\"fallback.pdf\"; filename*=UTF-8''na%C3%AFve%20plan.pdf")))
                .on("/sneaky", text(200, "3",
                        Map.of("Content-Disposition", "attachment; filename=\"../../etc/passwd\"")));
        try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.parse("127.0.0.1"), LOOKUP)) {
            assertThat(fetcher.fetch(server.url("/plain"), target(), LIMIT, TIMEOUT, Map.of()).fileName())
                    .isEqualTo("Q3 report.docx");
            assertThat(fetcher.fetch(server.url("/extended"), target(), LIMIT, TIMEOUT, Map.of()).fileName())
                    .isEqualTo("naïve plan.pdf");
            assertThat(fetcher.fetch(server.url("/sneaky"), target(), LIMIT, TIMEOUT, Map.of()).fileName())
                    .isEqualTo("passwd");
        }
    }

    @Test
    void headersGoToTheOriginalOriginOnly() throws Exception {
        try (LocalHttpServer other = new LocalHttpServer()) {
            other.on("/elsewhere", text(200, "ok", Map.of()));
            server.on("/start", redirect("/same")).on("/same", redirect(other.url("/elsewhere").toString()));
            try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.parse("127.0.0.1"), LOOKUP)) {
                fetcher.fetch(server.url("/start"), target(), LIMIT, TIMEOUT, Map.of("Authorization", "Bearer t0ken"));
            }
            assertThat(server.requestHeaders()).hasSize(2)
                    .allSatisfy(headers -> assertThat(headers.get("Authorization")).containsExactly("Bearer t0ken"));
            assertThat(other.requestHeaders()).singleElement()
                    .satisfies(headers -> assertThat(headers).doesNotContainKey("Authorization"));
        }
    }

    @Test
    void dnsIsCheckedAgainOnEveryFetch() {
        // A name that passes the submit-time check, then rebinds to loopback before the fetch.
        AtomicInteger lookups = new AtomicInteger();
        NameLookup rebinding = host -> List.of(InetAddress.getByName(
                lookups.getAndIncrement() == 0 ? "93.184.216.34" : "127.0.0.1"));
        server.on("/", text(200, "internal", Map.of()));
        try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.STRICT, rebinding)) {
            URI url = uri("http://rebind.test:%d/");
            fetcher.check(url);
            assertRefusedBeforeFetching(() -> fetcher.fetch(url, target(), LIMIT, TIMEOUT, Map.of()), url);
        }
        assertThat(server.requests()).isZero();
    }

    @Test
    void unreachableHostsFailTheFetch() {
        try (UrlFetcher fetcher = new UrlFetcher(AddressPolicy.parse("127.0.0.1"), LOOKUP)) {
            URI closed = URI.create("http://127.0.0.1:1/x");
            assertFetchFailed(() -> fetcher.fetch(closed, target(), LIMIT, TIMEOUT, Map.of()),
                    ErrorCode.URL_FETCH_FAILED, "Could not connect to http://127.0.0.1:1");
            URI unknown = URI.create("http://no-such-host.invalid/x");
            fetcher.check(unknown); // an unknown host is the fetch's to report
            assertFetchFailed(() -> fetcher.fetch(unknown, target(), LIMIT, TIMEOUT, Map.of()),
                    ErrorCode.URL_FETCH_FAILED, "could not be found");
        }
    }

    private Path target() {
        return dir.resolve("input.bin");
    }

    private URI uri(String template) {
        return URI.create(template.formatted(server.port()));
    }

    private static void assertRefusedBeforeFetching(ThrowingCallable call, URI url) {
        assertThatThrownBy(call).as(String.valueOf(url))
                .isInstanceOf(RequestRejected.class)
                .extracting(e -> ((KilnException) e).code()).isEqualTo(ErrorCode.URL_FORBIDDEN);
    }

    private static void assertFetchFailed(ThrowingCallable call, ErrorCode code, String messagePart) {
        assertThatThrownBy(call)
                .isInstanceOf(ConversionFailed.class)
                .hasMessageContaining(messagePart)
                .extracting(e -> ((KilnException) e).code()).isEqualTo(code);
    }
}
