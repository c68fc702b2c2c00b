package io.kiln.engine.libreoffice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whether a process came near a limit is read from its peak address space, here this JVM's own. */
class AddressSpaceLimitTest {

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void aPeakWithinASixteenthOfTheLimitHasReachedIt() {
        // a JVM maps far more than 256 MiB (its heap reservation alone)
        assertThat(AddressSpaceLimit.reached(SELF, 256L << 20)).isTrue();
    }

    @Test
    void aPeakFarBelowTheLimitHasNot() {
        assertThat(AddressSpaceLimit.reached(SELF, 1L << 50)).isFalse();
    }

    @Test
    void aProcessThatIsGoneHasNot() {
        assertThat(AddressSpaceLimit.reached(Long.MAX_VALUE, 256L << 20)).isFalse();
    }
}
