package io.kiln.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.hardening.UploadRoutes.Route;
import io.kiln.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario 6, bad requests, by hand: requests no client library would send — multipart cut short,
 * without its boundary, with a NUL in a file name; headers larger than the server takes; a
 * {@code Content-Length} that is not a number; a method no route takes, a charset no one knows, a
 * percent escape that is none — to an upload route of every dialect. Each answers 4xx in that
 * dialect's own error shape (never 500, never Jetty's HTML page or Javalin's plain text), and the
 * server serves on.
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

    // the cases below were found by the schema-driven fuzzer (SchemaFuzzTest)

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aMethodNoRouteTakesIs404InTheDialectsShape(Route route) throws Exception {
        for (String method : List.of("PUT", "PATCH")) {
            RawHttp.Answer a = RawHttp.send(server.base(), method + " " + route.path() + " HTTP/1.1\r\nContent-Length: 0",
                    new byte[0]);
            assertThat(a.status()).as(a.body()).isEqualTo(404); // was Javalin's line of plain text
            refusedInShape(route, a, method + ", which no route takes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aRefusedDeleteIsAnsweredInTheDialectsShape(Route route) throws Exception {
        RawHttp.Answer a = RawHttp.send(server.base(), "DELETE " + route.path() + " HTTP/1.1\r\nX-Padding: "
                + "x".repeat(64 * 1024) + "\r\nContent-Length: 0", new byte[0]);
        assertThat(a.status()).isEqualTo(431);
        refusedInShape(route, a, "a DELETE with 64 KiB of headers"); // Jetty wrote no body but for GET, POST, HEAD
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aCharsetTheServerDoesNotKnowIs400InTheDialectsShape(Route route) throws Exception {
        for (String type : List.of("application/json; charset=bogus", "multipart/form-data; boundary=" + BOUNDARY
                + "; charset=\"x y\"")) {
            RawHttp.Answer a = post(route, type, "{\"to\":\"txt\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(a.status()).as(a.body()).isEqualTo(400); // was 500: any ctx.contentType() threw
            refusedInShape(route, a, "Content-Type: " + type);
        }
    }

    @Test
    void aPercentEscapeThatIsNoneIs400InTheShapeOfThePathsDialect() throws Exception {
        Map<String, String> byDialect = Map.of("native", "/v1/jobs/%u0041", "ConvertAPI", "/convert/pdf/to/%u0041",
                "PDF.co", "/v1/pdfco/results/%u0041/a.txt", "pdfRest", "/request-status/%u0041");
        for (var e : byDialect.entrySet()) {
            RawHttp.Answer a = RawHttp.send(server.base(), "GET " + e.getValue() + " HTTP/1.1\r\nContent-Length: 0",
                    new byte[0]);
            assertThat(a.status()).as(e.getValue() + ": " + a.body()).isEqualTo(400); // was 500 (decoding the path parameter)
            UploadRoutes.shapeOf(e.getKey()).accept(a);
        }
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
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
