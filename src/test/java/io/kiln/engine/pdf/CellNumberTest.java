package io.kiln.engine.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CellNumberTest {

    @Test
    void plainAndGroupedNumbersAreNumbers() {
        assertThat(CellNumber.of("42")).hasValue(new BigDecimal("42"));
        assertThat(CellNumber.of("-1,234,567.25")).hasValue(new BigDecimal("-1234567.25"));
        assertThat(CellNumber.of("\u22123.5")).as("a typographic minus").hasValue(new BigDecimal("-3.5"));
        assertThat(CellNumber.of("0.75")).hasValue(new BigDecimal("0.75"));
    }

    @Test
    void textThatANumberWouldChangeStaysText() {
        assertThat(CellNumber.of("007")).isEmpty();
        assertThat(CellNumber.of("1234567890123456")).as("16 digits").isEmpty();
        assertThat(CellNumber.of("1.234,5")).isEmpty();
        assertThat(CellNumber.of("12,34")).isEmpty();
        assertThat(CellNumber.of("3 apples")).isEmpty();
        assertThat(CellNumber.of("")).isEmpty();
    }
}
