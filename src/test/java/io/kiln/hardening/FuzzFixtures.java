package io.kiln.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real things a fuzzing run starts from, made through each dialect's own routes: a stored file
 * and a finished job per dialect, the links the server signed for them, and the cheap conversion
 * (PDF to text) that valid-shaped requests ask for. Returned as the {@link KnownValues} the
 * generator puts into parameters and bodies.
 */
final class FuzzFixtures {

    static final String TARGET = "txt";

    private FuzzFixtures() {
    }

    static KnownValues make(TestServer server, Path pdf) {
        KnownValues known = new KnownValues();
        String name = pdf.getFileName().toString();

        JsonNode upload = TestServer.json(server.postMultipart("/v1/files", Multipart.form().file("file", pdf)));
        String link = upload.path("url").asText();
        Map<String, String> signed = query(link);
        known.put("native", "fileId", upload.path("fileId").asText())
                .put("native", "to", TARGET).put("native", "from", "pdf").put("native", "n", "1")
                .put("native", "Prefer", "wait=10")
                // an upload is the input of a multipart job; a JSON job names the stored file
                .put("native multipart/form-data", "fileId", "")
                .put("/v1/files/{id}/{name}", "id", upload.path("fileId").asText())
                .put("/v1/files/{id}/{name}", "name", upload.path("name").asText())
                .put("/v1/files/{id}/{name}", "expires", signed.get("expires"))
                .put("/v1/files/{id}/{name}", "sig", signed.get("sig"))
                .put("/v1/files", "name", name)
                .put("/v1/files", "Content-Disposition", "attachment; filename=\"" + name + "\"");
        JsonNode job = server.convert(Multipart.form().file("file", pdf).field("to", TARGET));
        known.put("native", "id", job.path("id").asText());

        JsonNode stored = TestServer.json(server.send(server.request("/upload?FileName=" + name).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(pdf))).build()));
        String convertApiJob = TestServer.json(server.postMultipart("/async/convert/pdf/to/" + TARGET,
                Multipart.form().file("File", pdf))).path("JobId").asText();
        // one job for each of the two deletes (/job/{id}, /async/job/{id}): the first leaves nothing for the second
        String convertApiAlias = TestServer.json(server.postMultipart("/async/convert/pdf/to/" + TARGET,
                Multipart.form().file("File", pdf))).path("JobId").asText();
        known.put("ConvertAPI", "fileId", stored.path("FileId").asText()).put("ConvertAPI", "name", name)
                .put("ConvertAPI", "id", convertApiJob).put("/async/job/{id}", "id", convertApiAlias)
                .put("ConvertAPI", "File", link)
                .put("ConvertAPI", "FileName", name)
                .put("/upload", "Content-Disposition", "attachment; filename=\"" + name + "\"");

        JsonNode pdfCo = TestServer.json(server.postJson("/v1/pdf/convert/to/text",
                "{\"url\":\"" + link + "\",\"async\":true}"));
        URI result = URI.create(pdfCo.path("url").asText());
        String[] segments = result.getRawPath().split("/");
        Map<String, String> resultQuery = query(result.toString());
        known.put("PDF.co", "url", link).put("PDF.co", "jobId", pdfCo.path("jobId").asText())
                .put("PDF.co", "jobid", pdfCo.path("jobId").asText())
                .put("/v1/pdfco/results/{token}/{name}", "token", segments[segments.length - 2])
                .put("/v1/pdfco/results/{token}/{name}", "name", segments[segments.length - 1])
                .put("/v1/pdfco/results/{token}/{name}", "expires", resultQuery.get("expires"))
                .put("/v1/pdfco/results/{token}/{name}", "sig", resultQuery.get("sig"));

        String pdfRest = TestServer.json(server.postJson("/convert",
                "{\"source\":\"" + link + "\",\"format\":\"" + TARGET + "\"}")).path("id").asText();
        known.put("pdfRest", "id", pdfRest).put("pdfRest", "source", link);

        for (String id : new String[] {convertApiJob, convertApiAlias, pdfCo.path("jobId").asText(), pdfRest}) {
            JsonNode end = server.awaitEnd(id);
            if (!end.path("status").asText().equals("success")) {
                throw new AssertionError("a fixture job did not succeed: " + end);
            }
        }
        return known;
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new HashMap<>();
        String raw = URI.create(url).getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }

    static byte[] bytes(Path file) {
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
