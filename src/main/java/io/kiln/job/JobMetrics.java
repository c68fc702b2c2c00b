package io.kiln.job;

import java.time.Duration;

/** What the job layer reports for monitoring; the composition root binds it to Micrometer. */
public interface JobMetrics {

    JobMetrics NONE = new JobMetrics() {
        @Override
        public void converted(String engine, String operation, boolean succeeded, Duration took) {
        }

        @Override
        public void ended(JobStatus status) {
        }
    };

    /** One conversion ran; {@code operation} is its target ({@code pdf}, {@code compress}, …). */
    void converted(String engine, String operation, boolean succeeded, Duration took);

    void ended(JobStatus status);
}
