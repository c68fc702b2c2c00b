package io.kiln.dialect.pdfco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.error.RequestRejected;
import org.junit.jupiter.api.Test;

class PageIndexesTest {

    @Test
    void zeroBasedIndexesBecomeOneBasedRanges() {
        assertThat(PageIndexes.toKiln("0")).isEqualTo("1");
        assertThat(PageIndexes.toKiln("0,2-5,7-")).isEqualTo("1,3-6,8-");
        assertThat(PageIndexes.toKiln(" 1 - 2 , !0")).isEqualTo("2-3,!1");
        assertThat(PageIndexes.toKiln("3-!1")).isEqualTo("4-!2");
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"", "a", "1,,2", "-1", "1-2-3", "!"}) {
            assertThatThrownBy(() -> PageIndexes.toKiln(bad)).as(bad).isInstanceOf(RequestRejected.class);
        }
    }
}
