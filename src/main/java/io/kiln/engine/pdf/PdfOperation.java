package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.util.List;

/** One target of the pdf engine. PDFBox failures escape as exceptions; {@link PdfFailures} names them. */
@FunctionalInterface
interface PdfOperation {
    List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException;
}
