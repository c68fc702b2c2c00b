package io.kiln.engine.libreoffice;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The corpus' slow and stress files, given a long limit (run with {@code -Pslow}). */
@Tag("slow")
class SlowCorpusTest {

    private static LibreOfficePool pool;

    @TempDir
    static Path shared;

    @BeforeAll
    static void start() {
        pool = OfficeTasks.pool(shared.resolve("data"), 2);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @TestFactory
    Stream<DynamicTest> slowFilesConvertGivenTime() throws Exception {
        return CorpusConversions.tests(new LibreOfficeConverter(pool), CorpusConversions.files(true), 2,
                Duration.ofMinutes(15));
    }
}
