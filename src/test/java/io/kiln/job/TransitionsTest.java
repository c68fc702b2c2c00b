package io.kiln.job;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransitionsTest {

    @Test
    void allowsTheDocumentedMoves() {
        assertThatCode(() -> {
            Transitions.check(JobStatus.QUEUED, JobStatus.WORKING);
            Transitions.check(JobStatus.QUEUED, JobStatus.ABORTED);
            Transitions.check(JobStatus.WORKING, JobStatus.SUCCESS);
            Transitions.check(JobStatus.WORKING, JobStatus.FAILED);
            Transitions.check(JobStatus.WORKING, JobStatus.ABORTED);
            Transitions.check(JobStatus.WORKING, JobStatus.QUEUED);
        }).doesNotThrowAnyException();
    }

    @Test
    void refusesEverythingElse() {
        for (JobStatus end : new JobStatus[] {JobStatus.SUCCESS, JobStatus.FAILED, JobStatus.ABORTED}) {
            for (JobStatus next : JobStatus.values()) {
                assertThatThrownBy(() -> Transitions.check(end, next))
                        .isInstanceOf(Transitions.IllegalTransitionException.class);
            }
        }
        assertThatThrownBy(() -> Transitions.check(JobStatus.QUEUED, JobStatus.SUCCESS))
                .hasMessageContaining("queued → success");
    }
}
