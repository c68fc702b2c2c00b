import io.kiln.engine.ConversionTask;
import io.kiln.engine.Converter;
import io.kiln.engine.Options;
import io.kiln.engine.ProducedFile;
import io.kiln.engine.pdf.PdfConverter;
import io.kiln.engine.qpdf.QpdfConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/operations/run}: each operation of the pdf and qpdf engines on one 100-page PDF,
 * timed in-process (the engine's own work, as a job's conversion step does it), with PDFBox's open and
 * save of the same file, by hand, as the yardstick, and {@code qpdf --linearize} run by hand beside Kiln's.
 */
public class OperationsBench {

    record Op(String to, Map<String, String> options, Converter engine) {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path source = Path.of(args[1]);
        Path work = Files.createTempDirectory("kiln-ops-bench");
        PdfConverter pdf = new PdfConverter();
        QpdfConverter qpdf = QpdfConverter.probe(QpdfConverter.DEFAULT_PROGRAM, 1);
        Path hundred = run(pdf, "extract-pages", Map.of("pages", "1-100"), source, work.resolve("make")).getFirst().path();

        List<Op> ops = new ArrayList<>(List.of(
                new Op("pdf", Map.of(), pdf),
                new Op("watermark", Map.of("text", "CONFIDENTIAL"), pdf),
                new Op("watermark", Map.of("text", "DRAFT", "tiled", "true", "fontSize", "24"), pdf),
                new Op("stamp", Map.of("text", "APPROVED 2026-12-07"), pdf),
                new Op("page-numbers", Map.of("format", "Page {n} of {total}"), pdf),
                new Op("set-metadata", Map.of("title", "Free Culture", "custom", "{\"Reviewed\":\"yes\"}"), pdf),
                new Op("metadata", Map.of(), pdf),
                new Op("remove-pages", Map.of("pages", "2-99"), pdf),
                new Op("extract-pages", Map.of("pages", "50-60"), pdf),
                new Op("reorder", Map.of("pages", "51-100,1-50"), pdf),
                new Op("rotate", Map.of(), pdf),
                new Op("flatten", Map.of(), pdf),
                new Op("form-fields", Map.of(), pdf),
                new Op("protect", Map.of("userPassword", "bench"), pdf),
                new Op("split", Map.of("pages", "1-50,51-"), pdf),
                new Op("txt", Map.of(), pdf),
                new Op("text-json", Map.of("words", "true"), pdf),
                new Op("xlsx", Map.of(), pdf),
                new Op("compress", Map.of(), pdf),
                new Op("redact", Map.of("text", "culture"), pdf),
                new Op("pdfa", Map.of(), pdf)));
        if (qpdf.availability().isReady()) {
            ops.add(new Op("linearize", Map.of(), qpdf));
        }
        Map<String, Long> medians = new LinkedHashMap<>();
        int i = 0;
        for (Op op : ops) {
            String label = op.to() + (op.options().isEmpty() ? "" : " " + op.options());
            run(op.engine(), op.to(), op.options(), hundred, work.resolve("warm" + i));
            long[] ms = new long[runs];
            for (int r = 0; r < runs; r++) {
                long t = System.nanoTime();
                run(op.engine(), op.to(), op.options(), hundred, work.resolve("run" + i + "-" + r));
                ms[r] = (System.nanoTime() - t) / 1_000_000;
            }
            Arrays.sort(ms);
            medians.put(label, ms[runs / 2]);
            i++;
        }
        long[] bare = new long[runs + 1];
        for (int r = 0; r <= runs; r++) { // the first is untimed, as for the operations
            long t = System.nanoTime();
            try (var doc = org.apache.pdfbox.Loader.loadPDF(hundred.toFile())) {
                doc.save(work.resolve("bare-" + r + ".pdf").toFile());
            }
            bare[r] = (System.nanoTime() - t) / 1_000_000;
        }
        long[] timed = Arrays.copyOfRange(bare, 1, runs + 1);
        Arrays.sort(timed);
        long yard = Math.max(1, timed[runs / 2]);
        System.out.printf(Locale.ROOT, "yardstick: PDFBox opening and saving the file by hand, %d ms%n", yard);
        System.out.printf(Locale.ROOT, "100-page PDF (%s, first 100 pages, %d KB); median of %d runs after one untimed%n",
                source.getFileName(), Files.size(hundred) / 1024, runs);
        System.out.printf(Locale.ROOT, "%-60s %8s %8s%n", "operation", "ms", "× yard");
        medians.forEach((label, ms) -> System.out.printf(Locale.ROOT, "%-60s %8d %8.2f%n",
                label.length() > 60 ? label.substring(0, 57) + "..." : label, ms, ms / (double) yard));
        if (qpdf.availability().isReady()) {
            long[] ms = new long[runs];
            for (int r = 0; r < runs; r++) {
                Path out = work.resolve("qpdf-" + r + ".pdf");
                long t = System.nanoTime();
                Process p = new ProcessBuilder("qpdf", "--linearize", hundred.toString(), out.toString()).inheritIO().start();
                p.waitFor(10, TimeUnit.MINUTES);
                ms[r] = (System.nanoTime() - t) / 1_000_000;
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "%-60s %8d %8.2f%n", "qpdf --linearize by hand (yardstick for linearize)",
                    ms[runs / 2], ms[runs / 2] / (double) yard);
        }
    }

    private static List<ProducedFile> run(Converter engine, String to, Map<String, String> options, Path input, Path dir)
            throws Exception {
        Files.createDirectories(dir);
        return engine.convert(new ConversionTask("pdf", to, List.of(input), new Options(options), dir, "out",
                Duration.ofMinutes(10), 100_000));
    }
}
