package io.kiln.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What poppler's own tools say of a PDF, as a user checking an output would ask them: its text
 * ({@code pdftotext}) and its facts ({@code pdfinfo}). Not PDFBox, which wrote the file: a second
 * reader catches what a writer's own reader forgives. {@code ./kiln test} installs poppler-utils.
 */
public final class Poppler {

    private Poppler() {
    }

    /** The text of one page (1-based), as pdftotext lays it out. */
    public static String pageText(Path pdf, int page) {
        return run("pdftotext", "-q", "-layout", "-f", Integer.toString(page), "-l", Integer.toString(page), pdf.toString(), "-");
    }

    /**
     * The text of one page in the order it is drawn ({@code pdftotext -raw}), with every space and
     * line break dropped: turned text comes out one glyph a line, but its glyphs stay in order.
     */
    public static String drawnText(Path pdf, int page) {
        return run("pdftotext", "-q", "-raw", "-f", Integer.toString(page), "-l", Integer.toString(page), pdf.toString(), "-")
                .replaceAll("\\s", "");
    }

    /** The highest x-ppi {@code pdfimages -list} reports for any image; 0 when there is none. */
    public static int maxImagePpi(Path pdf) {
        return run("pdfimages", "-list", pdf.toString()).lines().skip(2).map(l -> l.trim().split("\\s+"))
                .filter(c -> c.length > 12).mapToInt(c -> Integer.parseInt(c[12])).max().orElse(0);
    }

    /** The text of every page. */
    public static String text(Path pdf) {
        return run("pdftotext", "-q", "-layout", pdf.toString(), "-");
    }

    /** The text of every page of a PDF that opens with {@code password}. */
    public static String text(Path pdf, String password) {
        return run("pdftotext", "-q", "-layout", "-upw", password, pdf.toString(), "-");
    }

    /** The text of each page, in order. */
    public static List<String> pageTexts(Path pdf) {
        int pages = Integer.parseInt(info(pdf, "Pages"));
        List<String> out = new ArrayList<>();
        for (int p = 1; p <= pages; p++) {
            out.add(pageText(pdf, p));
        }
        return out;
    }

    /** One line of {@code pdfinfo}'s answer, e.g. {@code Pages} or {@code Title}; empty when it has none. */
    public static String info(Path pdf, String field) {
        for (String line : run("pdfinfo", pdf.toString()).split("\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).strip();
            }
        }
        return "";
    }

    /** pdfinfo's whole answer, with {@code -meta} its XMP packet too. */
    public static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                        + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("poppler-utils are needed (./kiln test installs them): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
