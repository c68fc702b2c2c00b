package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Where outputs go and what they are called. The client sees {@code baseName}-derived names; on disk
 * the name is reduced to safe characters so a base name can never leave the work directory.
 */
final class OutputFiles {

    private final Path dir;
    private final String baseName;

    OutputFiles(ConversionTask task) {
        this.dir = task.workDir();
        this.baseName = task.baseName();
    }

    /** {@code <baseName>.<ext>}, or {@code <baseName>-<suffix>.<ext>} when a suffix is given. */
    String name(String suffix, String ext) {
        return baseName + (suffix == null ? "" : "-" + suffix) + "." + ext;
    }

    Path path(String name) {
        String safe = name.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        return dir.resolve(safe.startsWith(".") ? "_" + safe : safe);
    }

    ProducedFile file(String name, String ext, Integer pageCount) {
        return new ProducedFile(path(name), name, ext, pageCount);
    }

    /** Saves {@code doc} without encryption; only {@code encrypt} keeps it (see {@link #savePdf(PDDocument, String, boolean)}). */
    ProducedFile savePdf(PDDocument doc, String name) throws IOException {
        return savePdf(doc, name, true);
    }

    ProducedFile savePdf(PDDocument doc, String name, boolean removeSecurity) throws IOException {
        if (removeSecurity) {
            doc.setAllSecurityToBeRemoved(true);
        }
        ProducedFile out = file(name, "pdf", doc.getNumberOfPages());
        doc.save(out.path().toFile());
        return out;
    }
}
