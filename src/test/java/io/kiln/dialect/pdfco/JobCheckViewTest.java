package io.kiln.dialect.pdfco;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.error.ErrorCode;
import io.kiln.job.Job;
import io.kiln.job.JobError;
import io.kiln.job.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Job states Kiln's HTTP API cannot easily produce on demand, as the job check shows them. */
class JobCheckViewTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private final JobCheckView view = new JobCheckView(null, null); // links and info only serve success

    private static Job job(JobStatus status, JobError error) {
        Instant end = status.isTerminal() ? T0.plusSeconds(3) : null;
        return new Job("acme", "j1", 1, status, "pdf", "txt", Map.of(), List.of(), "h", null, "pdfco", T0,
                T0.plusSeconds(1), end, end == null ? null : end.plus(Duration.ofHours(2)), 1, null, null,
                List.of(), error, 0, "k1");
    }

    @Test
    void abortedAndFailedCarryTheirMessage() {
        Map<String, Object> aborted = view.render("http://x", "j1", Optional.of(job(JobStatus.ABORTED,
                new JobError(ErrorCode.ABORTED, "the job was cancelled"))), false, T0, 7, 1);
        assertThat(aborted).containsEntry("status", "aborted").containsEntry("message", "the job was cancelled")
                .containsEntry("jobId", "j1").containsEntry("remainingCredits", 7L).containsEntry("jobDuration", 2000L);
        Map<String, Object> failed = view.render("http://x", "j1", Optional.of(job(JobStatus.FAILED,
                new JobError(ErrorCode.CORRUPT_DOCUMENT, "the PDF is damaged"))), true, T0, 7, 1);
        assertThat(failed).containsEntry("status", "failed").containsEntry("message", "the PDF is damaged")
                .containsEntry("credits", 0L);
    }

    @Test
    void queuedAndRunningJobsAreWorkingAndSoIsAnUnknownIdUnlessForced() {
        for (JobStatus s : new JobStatus[] {JobStatus.QUEUED, JobStatus.WORKING}) {
            assertThat(view.render("http://x", "j1", Optional.of(job(s, null)), true, T0, 7, 1))
                    .containsEntry("status", "working");
        }
        assertThat(view.render("http://x", "nope", Optional.empty(), false, T0, 7, 1)).containsEntry("status", "working");
        assertThat(view.render("http://x", "nope", Optional.empty(), true, T0, 7, 1)).containsEntry("status", "unknown");
    }

    @Test
    void anUnknownIdIsWorkingAsDocumentedButItsMessageSaysTheIdIsUnknown() {
        Map<String, Object> unforced = view.render("http://x", "nope-123", Optional.empty(), false, T0, 7, 1);
        assertThat(unforced).containsEntry("status", "working");
        assertThat((String) unforced.get("message")).contains("Unknown job id nope-123").contains("force");
        assertThat(view.render("http://x", "j1", Optional.of(job(JobStatus.WORKING, null)), false, T0, 7, 1))
                .as("a job that exists and works says nothing of the kind").doesNotContainKey("message");
    }
}
