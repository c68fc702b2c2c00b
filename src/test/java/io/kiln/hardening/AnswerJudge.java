package io.kiln.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.TestServer;
import java.util.List;
import java.util.Optional;

/**
 * What every answer to a fuzzed request must be: never a 5xx, and a 4xx in the error shape of the
 * operation's dialect ({@link UploadRoutes#shapeOf}); a file name the server answers with never
 * climbs out of its directory. ConvertAPI's protocol answers a conversion that failed 5xx, with a
 * code saying why: there, as in {@link SsrfSweepTest}, only an internal error (or 501, a disabled
 * engine, or 503, a dependency down — none is, here) is wrong. The one 5xx allowed everywhere is
 * the 501 of an engine this server runs without ({@link #isDisabledEngine}).
 */
final class AnswerJudge {

    static final List<String> DIALECTS = List.of("native", "ConvertAPI", "PDF.co", "pdfRest");

    private AnswerJudge() {
    }

    /** What is wrong with {@code a} as the answer to {@code c}, if anything. */
    static Optional<String> fault(FuzzCase c, RawHttp.Answer a) {
        String dialect = c.op().dialect();
        if (isDisabledEngine(a)) {
            return Optional.empty();
        }
        if (a.status() >= 500) {
            boolean failedConversion = dialect.equals("ConvertAPI") && a.status() != 501 && a.status() != 503
                    && !a.body().contains("internal") && shapeFault(dialect, a).isEmpty();
            return failedConversion ? Optional.empty() : Optional.of(a.status() + " " + clip(a.body()));
        }
        if (a.status() >= 400 && isCut(a)) {
            // a reset ended the answer early (the server refused a request still arriving): its head is all there is
            return a.header("content-type").contains("json") ? Optional.empty()
                    : Optional.of(a.status() + " cut short, and not JSON: " + a.headers());
        }
        if (a.status() >= 400) {
            if (c.anyShape()) {
                return DIALECTS.stream().anyMatch(d -> shapeFault(d, a).isEmpty()) ? Optional.empty()
                        : Optional.of(a.status() + " in no dialect's shape: " + clip(a.body()));
            }
            return shapeFault(dialect, a).map(why -> a.status() + " not in " + dialect + "'s shape (" + why + "): "
                    + clip(a.body()));
        }
        if (a.header("content-type").startsWith("application/json")) {
            return escapingName(a);
        }
        return Optional.empty();
    }

    /**
     * The documented answer for an engine switched off: the test server runs without LibreOffice (as
     * every test server does that does not ask for it), and hostile content that sniffs as text or an
     * office format is for LibreOffice. Counted apart; any other 501 is a failure.
     */
    static boolean isDisabledEngine(RawHttp.Answer a) {
        return a.status() == 501 && a.body().contains("disabled by --office-processes 0");
    }

    /** Whether the answer's body is shorter than its {@code Content-Length} said. */
    static boolean isCut(RawHttp.Answer a) {
        try {
            return a.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < Long.parseLong(a.header("content-length"));
        } catch (NumberFormatException none) {
            return false;
        }
    }

    private static Optional<String> shapeFault(String dialect, RawHttp.Answer a) {
        try {
            UploadRoutes.shapeOf(dialect).accept(a);
            return Optional.empty();
        } catch (AssertionError e) {
            return Optional.of(e.getMessage().lines().findFirst().orElse("").strip());
        }
    }

    /** A name or file name in a JSON answer with a path separator, a NUL, or that is a dot segment. */
    private static Optional<String> escapingName(RawHttp.Answer a) {
        JsonNode body;
        try {
            body = TestServer.JSON.readTree(a.body());
        } catch (Exception notJson) {
            return Optional.of(a.status() + " says JSON but is not: " + clip(a.body()));
        }
        for (String key : List.of("name", "FileName", "fileName")) {
            for (JsonNode n : body.findValues(key)) {
                String name = n.asText();
                if (name.contains("/") || name.contains("\\") || name.contains("\u0000") || name.equals("..")
                        || name.equals(".")) {
                    return Optional.of("a stored file named '" + name + "': " + clip(a.body()));
                }
            }
        }
        return Optional.empty();
    }

    private static String clip(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "…";
    }
}
