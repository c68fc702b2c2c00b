package io.kiln.dialect.pdfrest;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.storage.StoredFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code /pdf-info}'s {@code queries} answered from Kiln's {@code pdf → info} report, under pdfRest's
 * flat snake_case keys (its reference, §POST /pdf-info). A query Kiln's report cannot answer
 * ({@code tagged}, {@code pdfa}, ...) is named in {@code warning} with {@code allQueriesProcessed} false,
 * never guessed.
 */
final class PdfInfoQueries {

    /** A query's answer from the report and the input file. */
    private static final Map<String, BiFunction<JsonNode, StoredFile, Object>> ANSWERS = answers();

    private PdfInfoQueries() {
    }

    private static Map<String, BiFunction<JsonNode, StoredFile, Object>> answers() {
        Map<String, BiFunction<JsonNode, StoredFile, Object>> m = new LinkedHashMap<>();
        for (String key : List.of("title", "subject", "author", "producer", "creator", "keywords")) {
            m.put(key, (r, f) -> r.path("metadata").path(key).asText(""));
        }
        m.put("creation_date", (r, f) -> r.path("metadata").path("creationDate").asText(""));
        m.put("modified_date", (r, f) -> r.path("metadata").path("modificationDate").asText(""));
        m.put("page_count", (r, f) -> r.path("pageCount").asInt());
        // pdfRest writes three parts (1.6.0); Kiln's report two (1.6)
        m.put("pdf_version", (r, f) -> r.path("pdfVersion").asText() + ".0");
        m.put("file_size", (r, f) -> f.size());
        m.put("filename", (r, f) -> f.name());
        m.put("restrict_permissions_set", (r, f) -> r.path("encrypted").asBoolean() && anyRestriction(r.path("permissions")));
        // the report exists only when the document opened without a password
        m.put("requires_password_to_open", (r, f) -> false);
        m.put("contains_acroforms", (r, f) -> r.path("hasForm").asBoolean());
        m.put("contains_embedded_file", (r, f) -> r.path("attachments").asInt() > 0);
        return m;
    }

    private static boolean anyRestriction(JsonNode permissions) {
        for (JsonNode allowed : permissions) {
            if (!allowed.asBoolean(true)) {
                return true;
            }
        }
        return false;
    }

    /** The comma-separated {@code queries}, required. */
    static List<String> read(PdfRestParams params) {
        List<String> out = new ArrayList<>();
        for (String q : params.required("queries").split(",")) {
            if (!q.isBlank()) {
                out.add(q.trim());
            }
        }
        if (out.isEmpty()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "queries is required");
        }
        return out;
    }

    /** Every query Kiln can answer: what a request-status poll shows, the job keeping no queries. */
    static List<String> answerable() {
        return List.copyOf(ANSWERS.keySet());
    }

    static void answer(Map<String, Object> into, List<String> queries, JsonNode report, StoredFile input) {
        List<String> unanswered = new ArrayList<>();
        for (String q : queries) {
            BiFunction<JsonNode, StoredFile, Object> a = ANSWERS.get(q);
            if (a == null) {
                unanswered.add(q);
            } else {
                into.put(q, a.apply(report, input));
            }
        }
        into.put("allQueriesProcessed", unanswered.isEmpty());
        if (!unanswered.isEmpty()) {
            into.put("warning", "these queries cannot be answered: " + String.join(", ", unanswered));
        }
    }
}
