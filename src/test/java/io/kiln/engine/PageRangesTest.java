package io.kiln.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.error.ConversionFailed;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageRangesTest {

    @Test
    void resolvesPagesRangesAndCountingFromTheEnd() {
        assertThat(PageRanges.select(Optional.of("1,3-5,!1"), 10)).containsExactly(1, 3, 4, 5, 10);
        assertThat(PageRanges.select(Optional.of("8-"), 10)).containsExactly(8, 9, 10);
        assertThat(PageRanges.select(Optional.of("2-!2"), 4)).containsExactly(2, 3);
        assertThat(PageRanges.select(Optional.empty(), 3)).containsExactly(1, 2, 3);
        assertThat(PageRanges.resolve("1-2,3", 3))
                .containsExactly(new PageRanges.Range(1, 2), new PageRanges.Range(3, 3));
    }

    @Test
    void refusesMalformedAndOutOfRangeSpecs() {
        for (String bad : List.of("", "a", "1,,2", "0", "-3", "1-x", "!0")) {
            assertThat(PageRanges.syntaxError(bad)).as(bad).isPresent();
        }
        assertThatThrownBy(() -> PageRanges.resolve("5", 4)).isInstanceOf(ConversionFailed.class)
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> PageRanges.resolve("3-2", 4)).hasMessageContaining("backwards");
    }
}
