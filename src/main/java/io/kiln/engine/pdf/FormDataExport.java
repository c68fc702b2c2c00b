package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.fdf.FDFDocument;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;

/**
 * {@code pdf → form-data}: the values of the document's form fields as an XFDF (default) or FDF file,
 * the exchange formats form tools import (PDFBox writes both). A document without form fields is a
 * failed job rather than an empty file.
 */
final class FormDataExport implements PdfOperation {

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        FormDataFormat format = task.options().string("format").map(FormDataFormat::of).orElse(FormDataFormat.DEFAULT);
        OutputFiles files = new OutputFiles(task);
        ProducedFile out = files.file(files.name(null, format.ext()), format.ext(), null);
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
            if (form == null || form.getFields().isEmpty()) {
                throw new ConversionFailed(ErrorCode.UNSUPPORTED_FORMAT, "the document has no form fields to export");
            }
            try (FDFDocument fdf = form.exportFDF()) {
                switch (format) {
                    case XFDF -> fdf.saveXFDF(out.path().toFile());
                    case FDF -> fdf.save(out.path().toFile());
                }
            }
        }
        return List.of(out);
    }
}
