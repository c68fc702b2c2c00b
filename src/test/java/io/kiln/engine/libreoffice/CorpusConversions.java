package io.kiln.engine.libreoffice;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.engine.ProducedFile;
import io.kiln.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** Converts corpus files to PDF, as many at once as the pool has processes, and checks each result. */
final class CorpusConversions {

    static final List<String> FOLDERS = List.of("doc", "docx", "odt", "rtf", "txt", "xls", "xlsx", "ods", "ppt",
            "pptx", "odp");
    /** "Slow and stress files" of the corpus README. */
    static final Set<String> SLOW = Set.of("odt/Text6.odt", "odp/Presentation5.odp", "ods/spreadsheet1.ods",
            "odt/OpenDocument-v1.2-os-part1.odt", "xlsx/no_drawing_patriarch.xlsx", "odt/excelfileformat.odt",
            "odp/Presentation1.odp");

    private CorpusConversions() {
    }

    static List<String> files(boolean slow) throws IOException {
        try (Stream<String> all = FOLDERS.stream().flatMap(CorpusConversions::list)) {
            return all.filter(f -> SLOW.contains(f) == slow).sorted().toList();
        }
    }

    private static Stream<String> list(String folder) {
        try (Stream<Path> files = Files.list(Corpus.root().resolve(folder))) {
            return files.map(p -> folder + "/" + p.getFileName()).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One dynamic test per file; the conversions themselves run in parallel, {@code parallel} at a time. */
    static Stream<DynamicTest> tests(LibreOfficeConverter converter, List<String> files, int parallel,
                                     java.time.Duration timeout) {
        ExecutorService runner = Executors.newFixedThreadPool(parallel);
        List<CompletableFuture<Void>> checks = files.stream().map(f -> CompletableFuture.runAsync(() -> {
            try {
                check(converter, f, timeout);
            } catch (Exception e) {
                throw new IllegalStateException(f + ": " + e.getMessage(), e);
            }
        }, runner)).toList();
        runner.shutdown();
        return java.util.stream.IntStream.range(0, files.size()).mapToObj(i -> DynamicTest.dynamicTest(files.get(i),
                () -> checks.get(i).get(timeout.toSeconds() * 3, TimeUnit.SECONDS)));
    }

    private static void check(LibreOfficeConverter converter, String file, java.time.Duration timeout) throws Exception {
        long started = System.nanoTime();
        Path source = Corpus.file(file);
        String from = OfficeTasks.extension(source);
        ProducedFile pdf = converter.convert(OfficeTasks.task(source, from, "pdf", Map.of(), timeout)).getFirst();
        int pages = OfficeTasks.pdfPages(pdf);
        assertThat(pages).as(file + " pages").isPositive().isEqualTo(pdf.pageCount());
        List<String> words = SourceText.words(sourceText(converter, source, from, timeout));
        if (!words.isEmpty()) {
            String text = OfficeTasks.pdfText(pdf);
            assertThat(SourceText.found(words, text)).as(file + ": words of " + words + " in its PDF")
                    .isGreaterThanOrEqualTo((words.size() + 1) / 2);
        }
        System.out.printf("corpus %-60s %3d pages %6d ms%n", file, pages, (System.nanoTime() - started) / 1_000_000);
    }

    private static String sourceText(LibreOfficeConverter converter, Path source, String from,
                                      java.time.Duration timeout) throws Exception {
        return switch (from) {
            case "docx", "xlsx", "pptx", "odt", "ods", "odp" -> SourceText.fromPackageXml(source);
            case "doc", "rtf", "txt" -> SourceText.fromFile(converter.convert(
                    OfficeTasks.task(source, from, "txt", Map.of(), timeout)).getFirst());
            case "xls" -> SourceText.fromFile(converter.convert(
                    OfficeTasks.task(source, from, "csv", Map.of(), timeout)).getFirst());
            default -> "";
        };
    }
}
