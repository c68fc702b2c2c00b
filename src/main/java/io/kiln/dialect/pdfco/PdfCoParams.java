package io.kiln.dialect.pdfco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.javalin.http.Context;
import io.kiln.api.Json;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A PDF.co call's parameters: the query string, overridden by the body. The body is read as JSON when
 * it is a JSON object whatever the {@code Content-Type} says (PDF.co's curl samples send JSON under
 * curl's default form type), else as a form.
 */
final class PdfCoParams {

    private final Map<String, JsonNode> values;

    private PdfCoParams(Map<String, JsonNode> values) {
        this.values = values;
    }

    static PdfCoParams read(Context ctx) {
        Map<String, JsonNode> values = new HashMap<>();
        addAll(values, ctx.queryParamMap());
        String type = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/")) {
            return new PdfCoParams(values); // only /v1/file/upload takes multipart; it reads its own part
        }
        String body = ctx.body();
        if (body.strip().startsWith("{")) {
            Json.parse(body).properties().forEach(e -> values.put(e.getKey(), e.getValue()));
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            addAll(values, ctx.formParamMap());
        } else if (!body.isBlank()) {
            throw new RequestRejected(ErrorCode.MALFORMED_BODY, "send the parameters as a JSON object");
        }
        return new PdfCoParams(values);
    }

    private static void addAll(Map<String, JsonNode> into, Map<String, List<String>> params) {
        params.forEach((k, v) -> {
            if (!v.isEmpty()) {
                into.put(k, TextNode.valueOf(v.getFirst()));
            }
        });
    }

    /** A non-blank text value. */
    Optional<String> text(String name) {
        JsonNode n = values.get(name);
        if (n == null || n.isNull() || n.isMissingNode()) {
            return Optional.empty();
        }
        String s = n.isValueNode() ? n.asText() : n.toString();
        return s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    /** A value as it was sent (a JSON array or object stays one). */
    Optional<JsonNode> node(String name) {
        JsonNode n = values.get(name);
        if (n != null && n.isTextual() && n.asText().strip().startsWith("[")) {
            try { // a form field or query holding JSON
                return Optional.of(io.kiln.api.Json.MAPPER.readTree(n.asText()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION, name + ": not JSON: " + e.getOriginalMessage());
            }
        }
        return Optional.ofNullable(n).filter(x -> !x.isNull() && !x.isMissingNode());
    }

    /** A boolean given as {@code true}, {@code "true"} or {@code 1}; false when absent. */
    boolean flag(String name) {
        return text(name).map(s -> switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new RequestRejected(ErrorCode.INVALID_OPTION, name + " must be true or false");
        }).orElse(false);
    }

    /** A whole number of minutes of at least one. */
    Optional<Duration> minutes(String name) {
        return text(name).map(s -> {
            try {
                long m = Long.parseLong(s);
                if (m >= 1 && m <= 60L * 24 * 366) {
                    return Duration.ofMinutes(m);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new RequestRejected(ErrorCode.INVALID_OPTION, name + " must be a whole number of minutes");
        });
    }
}
