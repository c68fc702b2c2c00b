package io.kiln.engine.pdf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.util.DateConverter;

/**
 * {@code pdf → metadata}: the document information dictionary, every key of it (custom ones too),
 * and the XMP packet as it stands, as {@code <baseName>.json}: {@code {"info": {...}, "xmp": "..."}}.
 * Dates are ISO-8601 with the document's own offset; a value that is not text is shown as PDF writes it.
 */
final class PdfMetadata implements PdfOperation {

    private static final ObjectWriter JSON = new ObjectMapper().writerWithDefaultPrettyPrinter();
    /** An XMP packet is a few KiB; a hostile one is not read past this. */
    private static final int MAX_XMP_BYTES = 4 << 20;

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        OutputFiles files = new OutputFiles(task);
        ProducedFile out = files.file(files.name(null, "json"), "json", null);
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("info", info(doc.getDocumentInformation()));
            body.put("xmp", xmp(doc.getDocumentCatalog().getMetadata()));
            JSON.writeValue(out.path().toFile(), body);
        }
        return List.of(out);
    }

    static Map<String, String> info(PDDocumentInformation info) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : new TreeSet<>(info.getMetadataKeys())) {
            COSBase value = info.getCOSObject().getDictionaryObject(COSName.getPDFName(key));
            if (value instanceof COSString s) {
                Calendar date = key.endsWith("Date") ? DateConverter.toCalendar(s) : null;
                out.put(key, date != null ? PdfInfoReport.Metadata.iso(date) : s.getString());
            } else if (value instanceof COSName n) {
                out.put(key, n.getName());
            } else if (value != null) {
                out.put(key, value.toString());
            }
        }
        return out;
    }

    private static String xmp(PDMetadata metadata) throws IOException {
        if (metadata == null) {
            return null;
        }
        try (InputStream in = metadata.createInputStream()) {
            return new String(in.readNBytes(MAX_XMP_BYTES), StandardCharsets.UTF_8);
        }
    }
}
