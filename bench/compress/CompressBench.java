import io.kiln.engine.ConversionTask;
import io.kiln.engine.Options;
import io.kiln.engine.pdf.PdfConverter;
import io.kiln.testing.Corpus;
import io.kiln.testing.ImagePdfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/compress/run}: Kiln's {@code compress} (default level, in-process) beside Ghostscript's
 * {@code /ebook} run by hand on the same file, median times of a few runs, and the sizes each gives.
 */
public class CompressBench {

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path work = Files.createTempDirectory("kiln-compress-bench");
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("photo album, 12 pages (built)", ImagePdfs.photoAlbum(work.resolve("album.pdf"), 12));
        files.put("scanned pages, 10 (built)", ImagePdfs.scannedPages(work.resolve("scans.pdf"), 10));
        for (String name : List.of("pdflatex-image", "cmyk-image", "freeculture", "TAMReview", "tracemonkey",
                "GeoTopo-komprimiert")) {
            files.put(name + ".pdf", Corpus.file("pdf/" + name + ".pdf"));
        }
        PdfConverter pdf = new PdfConverter();
        System.out.printf(Locale.ROOT, "median of %d runs after one untimed; ratio = output size / input size%n", runs);
        System.out.printf(Locale.ROOT, "%-32s %9s %9s %7s %9s %7s %9s %9s%n", "file", "in KB", "kiln KB", "ratio",
                "gs KB", "ratio", "kiln/gs", "ms k / gs");
        for (Map.Entry<String, Path> f : files.entrySet()) {
            Path in = f.getValue();
            long kiln = 0;
            long[] kms = new long[runs + 1];
            for (int r = 0; r <= runs; r++) {
                Path dir = Files.createDirectories(work.resolve("k-" + f.getKey().hashCode() + "-" + r));
                long t = System.nanoTime();
                Path out = pdf.convert(new ConversionTask("pdf", "compress", List.of(in), Options.NONE, dir, "out",
                        Duration.ofMinutes(10), 100_000)).getFirst().path();
                kms[r] = (System.nanoTime() - t) / 1_000_000;
                kiln = Files.size(out);
            }
            long gs = -1;
            long[] gms = new long[runs + 1];
            for (int r = 0; r <= runs; r++) {
                Path out = work.resolve("gs-" + f.getKey().hashCode() + "-" + r + ".pdf");
                long t = System.nanoTime();
                Process p = new ProcessBuilder("gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pdfwrite",
                        "-dPDFSETTINGS=/ebook", "-sOutputFile=" + out, in.toString()).redirectErrorStream(true).start();
                String said = new String(p.getInputStream().readAllBytes());
                p.waitFor(10, TimeUnit.MINUTES);
                gms[r] = (System.nanoTime() - t) / 1_000_000;
                gs = p.exitValue() == 0 && !said.contains("Error") ? Files.size(out) : -1; // it fails on some files
            }
            long size = Files.size(in);
            System.out.printf(Locale.ROOT, "%-32s %9d %9d %7.2f %9s %7s %9s %9s%n", f.getKey(), size / 1024, kiln / 1024,
                    kiln / (double) size, gs < 0 ? "failed" : Long.toString(gs / 1024),
                    gs < 0 ? "-" : String.format(Locale.ROOT, "%.2f", gs / (double) size),
                    gs < 0 ? "-" : String.format(Locale.ROOT, "%.2f", kiln / (double) gs),
                    median(kms) + " / " + median(gms));
        }
    }

    private static long median(long[] withUntimed) {
        long[] timed = Arrays.copyOfRange(withUntimed, 1, withUntimed.length);
        Arrays.sort(timed);
        return timed[timed.length / 2];
    }
}
