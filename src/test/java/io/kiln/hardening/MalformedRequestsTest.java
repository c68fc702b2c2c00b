package io.kiln.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.hardening.UploadRoutes.Route;
import io.kiln.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario 6, bad requests, by hand: requests no client library would send — multipart cut short,
 * without its boundary, with a NUL in a file name; headers larger than the server takes; a
 * {@code Content-Length} that is not a number — to an upload route of every dialect. Each answers
 * 4xx in that dialect's own error shape (never 500, never Jetty's HTML page), and the server serves on.
 */
class MalformedRequestsTest {

    private static final String BOUNDARY = "kiln-boundary-7f3a";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<Route> routes() {
        return UploadRoutes.all();
    }

    private static RawHttp.Answer post(Route route, String contentType, byte[] body) throws Exception {
        return RawHttp.send(server.base(), "POST " + route.path() + " HTTP/1.1\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.length, body);
    }

    private static void refusedInShape(Route route, RawHttp.Answer a, String what) {
        assertThat(a.status()).as(route + ", " + what + ": " + a.body()).isBetween(400, 499);
        route.shaped().accept(a);
        assertThat(server.get("/health").statusCode()).as("serving after " + what).isEqualTo(200);
    }

    private static byte[] part(String fileName, boolean closed) {
        String text = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 not much of a pdf\r\n"
                + (closed ? "--" + BOUNDARY + "--\r\n" : "");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void multipartCutShortIsRefusedInTheDialectsShape(Route route) throws Exception {
        refusedInShape(route, post(route, "multipart/form-data; boundary=" + BOUNDARY, part("a.pdf", false)),
                "multipart without its closing boundary");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void multipartWithoutOrWithAWrongBoundaryIsRefusedInTheDialectsShape(Route route) throws Exception {
        refusedInShape(route, post(route, "multipart/form-data", part("a.pdf", true)), "multipart without a boundary");
        refusedInShape(route, post(route, "multipart/form-data; boundary=other", part("a.pdf", true)),
                "multipart with a wrong boundary");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aNulInAFileNameIsRefusedInTheDialectsShape(Route route) throws Exception {
        refusedInShape(route, post(route, "multipart/form-data; boundary=" + BOUNDARY, part("a\u0000.pdf", true)),
                "a NUL in the file name");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void headersLargerThanTheServerTakesAre431InTheDialectsShape(Route route) throws Exception {
        RawHttp.Answer a = RawHttp.send(server.base(), "POST " + route.path() + " HTTP/1.1\r\nX-Padding: "
                + "x".repeat(64 * 1024) + "\r\nContent-Length: 0", new byte[0]);
        assertThat(a.status()).as(a.body()).isEqualTo(431);
        refusedInShape(route, a, "64 KiB of headers");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aContentLengthThatIsNotANumberIs400InTheDialectsShape(Route route) throws Exception {
        RawHttp.Answer a = RawHttp.send(server.base(), "POST " + route.path()
                + " HTTP/1.1\r\nContent-Type: application/octet-stream\r\nContent-Length: twelve", new byte[12]);
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        refusedInShape(route, a, "Content-Length: twelve");
    }
}
