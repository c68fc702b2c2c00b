package io.kiln.engine.libreoffice;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every office file of the corpus (but the slow ones, see {@link SlowCorpusTest}) becomes a PDF that
 * opens, has pages, and holds words of its source.
 */
class CorpusTest {

    private static final int PROCESSES = 2;

    private static LibreOfficePool pool;

    @TempDir
    static Path shared;

    @BeforeAll
    static void start() {
        pool = OfficeTasks.pool(shared.resolve("data"), PROCESSES);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @TestFactory
    Stream<DynamicTest> everyOfficeFileBecomesAPdfWithItsWords() throws Exception {
        return CorpusConversions.tests(new LibreOfficeConverter(pool), CorpusConversions.files(false), PROCESSES,
                Duration.ofSeconds(120));
    }
}
