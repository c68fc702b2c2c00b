package io.kiln.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/**
 * The server keeps its jobs and files where this test run says: embedded H2 and the data directory,
 * or in the build's second run a real PostgreSQL ({@code kiln.test.database=postgres}) and an S3
 * bucket ({@code kiln.test.storage=s3}), so that run really exercises a cluster's set-up.
 */
class DatabaseSetupTest {

    @Test
    void aBucketThatIsNotThereStopsTheStartWithOneLine() {
        var s3 = io.kiln.testing.S3Server.server();
        java.util.List<String> flags = new java.util.ArrayList<>(s3.serveFlags("no-such-bucket-here"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.start(flags.toArray(String[]::new)).close())
                .isInstanceOf(io.kiln.config.ConfigException.class)
                .hasMessageStartingWith("--storage: s3://no-such-bucket-here/")
                .hasMessageContaining("there is no bucket no-such-bucket-here");
    }

    @Test
    void aLargeUploadIsStoredInTheRunsStorageAndReadBack() throws Exception {
        boolean s3 = "s3".equals(System.getProperty("kiln.test.storage"));
        try (TestServer server = TestServer.start()) {
            // larger than the database keeps itself: the blob store's
            JsonNode job = server.convert(Multipart.form().file("file", Corpus.file("pdf/tracemonkey.pdf"))
                    .field("to", "pdf").field("pages", "1"));
            assertThat(job.path("status").asText()).isEqualTo("success");
            assertThat(server.bucket().isPresent()).isEqualTo(s3);
            if (s3) {
                assertThat(io.kiln.testing.S3Server.server().objectCount(server.bucket().get())).isPositive();
            } else {
                try (var blobs = java.nio.file.Files.walk(server.data().resolve("blobs"))) {
                    assertThat(blobs.filter(java.nio.file.Files::isRegularFile).count()).isPositive();
                }
            }
            var pdf = server.getBytes("/v1/jobs/" + job.path("id").asText() + "/output");
            assertThat(pdf.statusCode()).isEqualTo(200);
            try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
                assertThat(doc.getNumberOfPages()).isEqualTo(1);
            }
        }
    }

    @Test
    void aJobAndItsOutputAreRowsInTheRunsDatabase() throws Exception {
        boolean postgres = "postgres".equals(System.getProperty("kiln.test.database"));
        try (TestServer server = TestServer.start()) {
            JsonNode job = server.convert(Multipart.form().file("file", Corpus.file("pdf/pdflatex-4-pages.pdf"))
                    .field("to", "txt"));
            assertThat(job.path("status").asText()).isEqualTo("success");
            try (Connection c = server.database();
                 PreparedStatement jobs = c.prepareStatement("SELECT status FROM jobs WHERE id = ?");
                 PreparedStatement files = c.prepareStatement("SELECT size_bytes FROM files WHERE job_id = ? AND sha256 = ?")) {
                assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo(postgres ? "PostgreSQL" : "H2");
                jobs.setString(1, job.path("id").asText());
                files.setString(1, job.path("id").asText());
                files.setString(2, job.path("outputs").get(0).path("sha256").asText());
                try (ResultSet row = jobs.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString(1)).isEqualTo("success");
                }
                try (ResultSet row = files.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getLong(1)).isEqualTo(job.path("outputs").get(0).path("size").asLong());
                }
            }
        }
    }
}
