package io.kiln.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class DownloadNameTest {

    private static final URI URL = URI.create("https://example.com/files/From%20Path.xlsx?x=1");

    @Test
    void prefersTheExtendedFormThenThePlainFormThenThePath() {
        assertThat(DownloadName.of("attachment; filename*=utf-8''%E2%82%AC%20rates.pdf; filename=rates.pdf", URL))
                .isEqualTo("€ rates.pdf");
        assertThat(DownloadName.of("inline; filename=plain.txt", URL)).isEqualTo("plain.txt");
        assertThat(DownloadName.of("attachment; filename=\"say \\\"hi\\\".txt\"", URL)).isEqualTo("say hi.txt");
        assertThat(DownloadName.of("attachment", URL)).isEqualTo("From Path.xlsx");
        assertThat(DownloadName.of(null, URL)).isEqualTo("From Path.xlsx");
    }

    @Test
    void neverYieldsAPathOrAnEmptyName() {
        assertThat(DownloadName.of("attachment; filename=\"..\\\\..\\\\boot.ini\"", URL)).isEqualTo("boot.ini");
        assertThat(DownloadName.of("attachment; filename=\"..\"", URL)).isEqualTo("From Path.xlsx");
        assertThat(DownloadName.of(null, URI.create("https://example.com/"))).isEqualTo("download");
        assertThat(DownloadName.of(null, URI.create("https://example.com"))).isEqualTo("download");
        assertThat(DownloadName.of("attachment; filename=\"a\u0007b.txt\"", URL)).isEqualTo("ab.txt");
        assertThat(DownloadName.of("attachment; filename=" + "x".repeat(300) + ".docx", URL))
                .hasSize(200).endsWith(".docx");
    }
}
