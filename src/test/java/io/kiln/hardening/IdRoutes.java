package io.kiln.hardening;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Every route of every dialect that takes the id of a job or a file, as a request for a given id:
 * the scenarios that ask for things by id (tenancy, guessed ids) try each. Jobs come first (native
 * 0–5, ConvertAPI 8–10, PDF.co 15–16, pdfRest 17), files after (native 6–7, ConvertAPI 11–14).
 */
final class IdRoutes {

    /** A route: how a client asks for a thing, given its id. */
    record Probe(String what, Function<String, HttpRequest.Builder> request) {
    }

    private IdRoutes() {
    }

    static List<Probe> all(String base) {
        return List.of(
                new Probe("native GET /v1/jobs/{id}", id -> get(base, "/v1/jobs/" + id)),
                new Probe("native GET /v1/jobs/{id}?wait=1", id -> get(base, "/v1/jobs/" + id + "?wait=1")),
                new Probe("native GET /v1/jobs/{id}/output", id -> get(base, "/v1/jobs/" + id + "/output")),
                new Probe("native GET /v1/jobs/{id}/output/1", id -> get(base, "/v1/jobs/" + id + "/output/1")),
                new Probe("native POST /v1/jobs/{id}/cancel", id -> post(base, "/v1/jobs/" + id + "/cancel")),
                new Probe("native DELETE /v1/jobs/{id}", id -> delete(base, "/v1/jobs/" + id)),
                new Probe("native GET /v1/files/{output}", id -> get(base, "/v1/files/" + id + "/x.txt")),
                new Probe("native POST /v1/jobs fileId=output", id -> postJson(base, "/v1/jobs",
                        "{\"to\":\"info\",\"fileId\":\"" + id + "\"}")),
                new Probe("ConvertAPI GET /job/{id}", id -> get(base, "/job/" + id)),
                new Probe("ConvertAPI GET /async/job/{id}", id -> get(base, "/async/job/" + id)),
                new Probe("ConvertAPI DELETE /async/job/{id}", id -> delete(base, "/async/job/" + id)),
                new Probe("ConvertAPI GET /d/{file}", id -> get(base, "/d/" + id)),
                new Probe("ConvertAPI GET /d/{file}/{name}", id -> get(base, "/d/" + id + "/x.pdf")),
                new Probe("ConvertAPI DELETE /d/{file}", id -> delete(base, "/d/" + id)),
                new Probe("ConvertAPI POST /convert File={file}", id -> postJson(base, "/convert/pdf/to/txt",
                        "{\"Parameters\":[{\"Name\":\"File\",\"FileValue\":{\"Id\":\"" + id + "\"}}]}")),
                new Probe("PDF.co POST /v1/job/check", id -> postJson(base, "/v1/job/check", "{\"jobid\":\"" + id + "\"}")),
                new Probe("PDF.co GET /v1/job/check", id -> get(base, "/v1/job/check?jobid=" + id)),
                new Probe("pdfRest GET /request-status/{id}", id -> get(base, "/request-status/" + id)));
    }

    /** An id of the same form that names nothing: its last hex digits replaced. */
    static String sibling(String id) {
        StringBuilder s = new StringBuilder(id);
        for (int i = s.length() - 1, n = 0; i >= 0 && n < 6; i--) {
            if (Character.digit(s.charAt(i), 16) >= 0) {
                s.setCharAt(i, Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
                n++;
            }
        }
        return s.toString();
    }

    /** The body with ids, timestamps and timings masked, so two answers compare by what they say. */
    static String masked(String body) {
        return body.replaceAll("[0-9a-fA-F][0-9a-fA-F-]{15,}", "<id>").replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<t>")
                .replaceAll("\"(duration|durationMs)\":\\d+", "\"$1\":<ms>");
    }

    private static HttpRequest.Builder get(String base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).GET();
    }

    private static HttpRequest.Builder delete(String base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).DELETE();
    }

    private static HttpRequest.Builder post(String base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody());
    }

    private static HttpRequest.Builder postJson(String base, String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
