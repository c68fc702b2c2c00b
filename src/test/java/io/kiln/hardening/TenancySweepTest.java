package io.kiln.hardening;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.auth.ApiKeys;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 7, tenancy: tenant A makes jobs and files through every dialect; tenant B then reads,
 * polls, downloads, deletes, cancels and reuses each of them, on every route that takes an id. Each
 * answer B gets must be exactly the answer for an id that does not exist (same status, same body
 * once ids are masked): B cannot touch A's things, nor learn that they exist. A signed link works for
 * whoever holds it (it is the capability), but not once tampered with or expired. A job's webhook
 * log is part of its answer, so it is probed with the job; credits are per key, and B's account
 * shows none of A's spending.
 */
@Tag("hardening")
class TenancySweepTest {

    private static final String PDF = "pdf/minimal-document.pdf";

    @Test
    void anotherTenantGetsTheAnswerForAnIdThatDoesNotExistOnEveryRoute(@TempDir Path data) throws Exception {
        ApiKeys keys = ApiKeys.load(data.resolve("keys"));
        String alice = keys.create("alice", OptionalLong.of(1_000)).key();
        String bob = keys.create("bob", OptionalLong.of(100)).key();
        try (WebhookReceiver receiver = new WebhookReceiver(); TestServer server = TestServer.startOn(data, "--allow-hosts", "127.0.0.1")) {
            server.withKey(alice);
            // a job whose webhook log (every delivery attempt) is part of its answer
            String hookedJob = json(server.postMultipart("/v1/jobs", Multipart.form().file("file", Corpus.file(PDF))
                    .field("to", "txt").field("webhook", receiver.url()))).path("id").asText();
            JsonNode nativeJob = server.convert(Multipart.form().file("file", Corpus.file(PDF)).field("to", "txt"));
            String jobId = nativeJob.path("id").asText();
            String outputId = nativeJob.path("outputs").get(0).path("fileId").asText();
            String signedLink = nativeJob.path("outputs").get(0).path("url").asText();
            String uploadId = json(server.postMultipart("/v1/files", Multipart.form().file("file", Corpus.file(PDF))))
                    .path("fileId").asText();
            String convertApiFile = json(server.send(Multipart.form().file("file", Corpus.file(PDF))
                    .into(server.request("/upload").header("Accept", "application/json")).build()))
                    .path("FileId").asText();
            String convertApiJob = json(server.postMultipart("/async/convert/pdf/to/txt",
                    Multipart.form().file("File", Corpus.file(PDF)))).path("JobId").asText();
            String pdfCoUrl = json(server.postMultipart("/v1/file/upload", Multipart.form().file("file", Corpus.file(PDF))))
                    .path("url").asText();
            String pdfCoJob = json(server.postJson("/v1/pdf/convert/to/text",
                    "{\"url\":\"" + pdfCoUrl + "\",\"async\":true}")).path("jobId").asText();
            String pdfRestJob = json(server.postMultipart("/convert", Multipart.form().file("file", Corpus.file(PDF))
                    .field("format", "txt"))).path("id").asText();
            for (String id : List.of(jobId, hookedJob, outputId, uploadId, convertApiFile, convertApiJob, pdfCoJob, pdfRestJob)) {
                assertThat(id).as("tenant A's things were made").isNotBlank();
            }
            for (String id : List.of(convertApiJob, pdfCoJob, pdfRestJob, hookedJob)) {
                assertThat(server.awaitEnd(id).path("status").asText()).as("tenant A's job " + id).isEqualTo("success");
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                    json(server.get("/v1/jobs/" + hookedJob)).path("webhook").path("attempts").size() > 0);
            JsonNode alicesAccount = json(server.get("/v1/account"));

            String base = server.base();
            List<IdRoutes.Probe> probes = IdRoutes.all(base);
            List<Target> targets = List.of(new Target("native job", jobId, 0, 6), new Target("native job's webhook log", hookedJob, 0, 2),
                    new Target("native output", outputId, 6, 8),
                    new Target("native upload", uploadId, 6, 8), new Target("ConvertAPI job", convertApiJob, 8, 11),
                    new Target("ConvertAPI file", convertApiFile, 11, 15), new Target("PDF.co job", pdfCoJob, 15, 17),
                    new Target("pdfRest job", pdfRestJob, 17, 18));

            server.withKey(bob);
            List<String> told = new ArrayList<>();
            int tries = 0;
            for (Target t : targets) {
                for (IdRoutes.Probe p : probes.subList(t.from(), t.to())) {
                    tries++;
                    HttpResponse<String> theirs = server.send(p.request().apply(t.id()).header("Authorization", "Bearer " + bob).build());
                    HttpResponse<String> none = server.send(p.request().apply(IdRoutes.sibling(t.id())).header("Authorization", "Bearer " + bob).build());
                    // PDF.co answers an unknown job id 200 "working" by its protocol: equal to that is right
                    if (theirs.statusCode() != none.statusCode()
                            || !IdRoutes.masked(theirs.body()).equals(IdRoutes.masked(none.body()))) {
                        told.add(p.what() + " on " + t.what() + ": " + theirs.statusCode() + " " + theirs.body()
                                + " | unknown id: " + none.statusCode() + " " + none.body());
                    }
                }
            }
            JsonNode bobsList = json(server.get("/v1/jobs"));
            tries++;
            if (!bobsList.path("jobs").isEmpty()) {
                told.add("native GET /v1/jobs lists " + bobsList.path("jobs"));
            }
            // credits: B's account is B's own, untouched by what A spent
            JsonNode bobsAccount = json(server.get("/v1/account"));
            tries++;
            if (!bobsAccount.path("tenant").asText().equals("bob") || bobsAccount.path("credits").path("granted").asLong() != 100
                    || bobsAccount.path("credits").path("used").asLong() != 0) {
                told.add("native GET /v1/account for B: " + bobsAccount + " (A's: " + alicesAccount + ")");
            }

            // the signed link is a capability: it works for anyone, but not altered or expired
            String link = URI.create(signedLink).getRawPath() + "?" + URI.create(signedLink).getRawQuery();
            int asIs = server.send(HttpRequest.newBuilder(URI.create(base + link)).build()).statusCode();
            String tampered = link.substring(0, link.length() - 2) + (link.endsWith("0") ? "1" : "0") + link.charAt(link.length() - 1);
            int whenTampered = server.send(HttpRequest.newBuilder(URI.create(base + tampered)).build()).statusCode();
            String otherFile = link.replace(outputId, uploadId);
            int onAnotherFile = server.send(HttpRequest.newBuilder(URI.create(base + otherFile)).build()).statusCode();
            tries += 3;
            // an expired link is refused by the link's own check, before the file's expiry is looked at
            long expires = Long.parseLong(link.replaceAll(".*[?&]expires=(\\d+).*", "$1"));
            server.clock().advance(java.time.Duration.between(server.clock().instant(),
                    java.time.Instant.ofEpochSecond(expires)).plusSeconds(2));
            HttpResponse<String> expired = server.send(HttpRequest.newBuilder(URI.create(base + link)).build());
            int whenExpired = expired.statusCode();
            tries++;
            Figures.of("7. tenancy sweep, two tenants, every dialect").put("tries", tries)
                    .put("answers that told tenant B something", told.size())
                    .put("signed link as is / tampered / on another file / expired",
                            asIs + " / " + whenTampered + " / " + onAnotherFile + " / " + whenExpired)
                    .report();

            assertThat(told).as("answers to tenant B that differ from an unknown id's").isEmpty();
            assertThat(asIs).isEqualTo(200);
            assertThat(whenTampered).isEqualTo(404);
            assertThat(onAnotherFile).isEqualTo(404);
            assertThat(whenExpired).isEqualTo(404);
            assertThat(expired.body()).contains("expired");
            assertThat(alicesAccount.path("credits").path("used").asLong()).as("A's spending is counted").isPositive();
        }
    }

    /** Which of {@code probes} apply to a thing of tenant A. */
    record Target(String what, String id, int from, int to) {
    }
}
