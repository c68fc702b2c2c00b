package io.kiln.engine.ocr;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one file a task produces, {@code <baseName>.<ext>} in the work directory. On disk the name is
 * reduced to safe characters, so a base name can never leave the work directory.
 */
final class OutputFile {

    private static final int PAGE_SEPARATOR = '\f';

    private OutputFile() {
    }

    static ProducedFile of(ConversionTask task, String ext, Integer pageCount) {
        String name = task.baseName() + "." + ext;
        String safe = name.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        Path path = task.workDir().resolve(safe.startsWith(".") ? "_" + safe : safe);
        return new ProducedFile(path, name, ext, pageCount);
    }

    /**
     * Writes the pages' text files one after another, separated by a form feed as tesseract separates
     * the pages of a multi-page image (none after the last page).
     */
    static ProducedFile joinText(ConversionTask task, List<Path> pages) throws IOException {
        ProducedFile out = of(task, "txt", null);
        try (OutputStream joined = Files.newOutputStream(out.path())) {
            for (int i = 0; i < pages.size(); i++) {
                if (i > 0) {
                    joined.write(PAGE_SEPARATOR);
                }
                Files.copy(pages.get(i), joined);
            }
        }
        return out;
    }
}
