package io.kiln.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void readsThePlainAndTheExtendedName() {
        assertThat(ContentDisposition.filename("attachment; filename=\"a b.pdf\"")).hasValue("a b.pdf");
        assertThat(ContentDisposition.filename("attachment; filename*=UTF-8''%C3%BC.pdf")).hasValue("ü.pdf");
        assertThat(ContentDisposition.filename("attachment")).isEmpty();
    }

    /** Found by the schema-driven fuzzer: a raw upload named so was a 500 on POST /v1/files and ConvertAPI's /upload. */
    @Test
    void anExtendedNameWithAnEscapeThatIsNoneGivesWayToThePlainOne() {
        assertThat(ContentDisposition.filename("attachment; filename*=UTF-8''%zz")).isEmpty();
        assertThat(ContentDisposition.filename("attachment; filename*=UTF-8''%zz; filename=\"b.pdf\"")).hasValue("b.pdf");
    }
}
