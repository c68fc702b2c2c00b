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
 * The server keeps its jobs and files in the database this test run is for: embedded H2, or a real
 * PostgreSQL in the build's second run ({@code kiln.test.database=postgres}), so that run really
 * exercises PostgreSQL.
 */
class DatabaseSetupTest {

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
