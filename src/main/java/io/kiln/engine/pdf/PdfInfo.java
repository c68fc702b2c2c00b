package io.kiln.engine.pdf;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;

/**
 * {@code pdf → info}: page count, version, encryption, permissions and metadata as {@code <baseName>.json};
 * with {@code fields} also the form's fields under {@code fields}, as {@code form-fields} lists them, so
 * one job answers a report that shows both.
 */
final class PdfInfo implements PdfOperation {

    static final String FIELDS_OPTION = "fields";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter JSON = MAPPER.writerWithDefaultPrettyPrinter();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /** Name trees are shallow in practice; the bound only stops a malicious cycle. */
    private static final int MAX_TREE_DEPTH = 32;

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        OutputFiles files = new OutputFiles(task);
        ProducedFile out = files.file(files.name(null, "json"), "json", null);
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            if (task.options().bool(FIELDS_OPTION, false)) {
                Map<String, Object> withFields = new java.util.LinkedHashMap<>(MAPPER.convertValue(report(doc), MAP));
                withFields.put("fields", FormFields.read(doc));
                JSON.writeValue(out.path().toFile(), withFields);
            } else {
                JSON.writeValue(out.path().toFile(), report(doc));
            }
        }
        return List.of(out);
    }

    static PdfInfoReport report(PDDocument doc) throws IOException {
        PDDocumentCatalog catalog = doc.getDocumentCatalog();
        PDPage first = doc.getNumberOfPages() > 0 ? doc.getPage(0) : null;
        PDAcroForm form = catalog.getAcroForm(null); // null: no fix-ups, this only reads
        PDDocumentOutline outline = catalog.getDocumentOutline();
        return new PdfInfoReport(doc.getNumberOfPages(), PdfInfoReport.version(doc), doc.isEncrypted(),
                doc.isEncrypted() ? doc.getEncryption().getLength() : null,
                PdfInfoReport.Permissions.of(doc.getCurrentAccessPermission()),
                PdfInfoReport.Metadata.of(doc.getDocumentInformation()),
                first == null ? null : PdfInfoReport.PageSize.of(first.getCropBox(), first.getRotation()),
                form != null && !form.getFields().isEmpty(),
                outline != null && outline.getFirstChild() != null,
                attachments(catalog));
    }

    private static int attachments(PDDocumentCatalog catalog) throws IOException {
        PDDocumentNameDictionary names = catalog.getNames();
        return names == null || names.getEmbeddedFiles() == null ? 0 : count(names.getEmbeddedFiles(), 0);
    }

    private static int count(PDNameTreeNode<PDComplexFileSpecification> node, int depth) throws IOException {
        if (depth > MAX_TREE_DEPTH) {
            return 0;
        }
        Map<String, PDComplexFileSpecification> here = node.getNames();
        int n = here == null ? 0 : here.size();
        List<PDNameTreeNode<PDComplexFileSpecification>> kids = node.getKids();
        if (kids != null) {
            for (PDNameTreeNode<PDComplexFileSpecification> kid : kids) {
                n += count(kid, depth + 1);
            }
        }
        return n;
    }
}
