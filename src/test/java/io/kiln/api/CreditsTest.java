package io.kiln.api;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.auth.ApiKeys;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credits: a conversion costs one per output page (or file), shown in /v1/account; none left → 402. */
class CreditsTest {

    @Test
    void conversionsAreChargedPerPageAndAnEmptyBalanceIsRefused(@TempDir Path data) {
        ApiKeys keys = ApiKeys.load(data.resolve("keys"));
        String key = keys.create("acme", OptionalLong.of(5)).key();
        String unlimited = keys.create("acme").key();
        try (TestServer server = TestServer.startOn(data).withKey(key)) {
            JsonNode account = json(server.get("/v1/account"));
            assertThat(account.path("tenant").asText()).isEqualTo("acme");
            assertThat(account.path("credits").path("remaining").asLong()).isEqualTo(5);

            JsonNode split = server.convert(Multipart.form().file("file", Corpus.file("pdf/pdflatex-4-pages.pdf"))
                    .field("to", "split").field("pages", "1-2,4"));
            assertThat(split.path("status").asText()).isEqualTo("success");
            assertThat(split.path("credits").asLong()).isEqualTo(3); // 2 + 1 pages
            assertThat(json(server.get("/v1/account")).path("credits").path("remaining").asLong()).isEqualTo(2);

            JsonNode tooDear = server.convert(Multipart.form().file("file", Corpus.file("pdf/pdflatex-4-pages.pdf"))
                    .field("to", "split"));
            assertThat(tooDear.path("status").asText()).isEqualTo("failed");
            assertThat(tooDear.path("error").path("code").asText()).isEqualTo("insufficient_credits");
            assertThat(tooDear.path("outputs")).isEmpty();
            assertThat(json(server.get("/v1/account")).path("credits").path("used").asLong()).isEqualTo(3);

            JsonNode info = server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "info"));
            assertThat(info.path("credits").asLong()).isEqualTo(1); // a file without pages
            JsonNode two = server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "info"));
            assertThat(two.path("status").asText()).isEqualTo("success");
            assertThat(json(server.get("/v1/account")).path("credits").path("remaining").asLong()).isZero();

            HttpResponse<String> refused = server.postMultipart("/v1/jobs", Multipart.form()
                    .file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "info"));
            assertThat(refused.statusCode()).isEqualTo(402);
            assertThat(json(refused).path("code").asText()).isEqualTo("insufficient_credits");

            server.withKey(unlimited);
            assertThat(json(server.get("/v1/account")).path("unlimited").asBoolean()).isTrue();
            assertThat(server.postMultipart("/v1/jobs", Multipart.form()
                    .file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "info")).statusCode()).isEqualTo(202);
        }
    }

    @Test
    void thePricesPerPageAndPerFileAreTheOperators(@TempDir Path data) {
        String key = ApiKeys.load(data.resolve("keys")).create("acme", OptionalLong.of(100)).key();
        try (TestServer server = TestServer.startOn(data, "--credits-per-page", "3", "--credits-per-file", "7").withKey(key)) {
            JsonNode split = server.convert(Multipart.form().file("file", Corpus.file("pdf/pdflatex-4-pages.pdf"))
                    .field("to", "split").field("pages", "1-2,4"));
            assertThat(split.path("credits").asLong()).isEqualTo(9); // 3 pages at 3
            JsonNode info = server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "info"));
            assertThat(info.path("credits").asLong()).isEqualTo(7); // one file without pages
            assertThat(json(server.get("/v1/account")).path("credits").path("remaining").asLong()).isEqualTo(84);
        }
    }
}
