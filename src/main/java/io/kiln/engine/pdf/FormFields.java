package io.kiln.engine.pdf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDButton;
import org.apache.pdfbox.pdmodel.interactive.form.PDCheckBox;
import org.apache.pdfbox.pdmodel.interactive.form.PDChoice;
import org.apache.pdfbox.pdmodel.interactive.form.PDComboBox;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDListBox;
import org.apache.pdfbox.pdmodel.interactive.form.PDPushButton;
import org.apache.pdfbox.pdmodel.interactive.form.PDRadioButton;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTerminalField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;

/**
 * {@code pdf → form-fields}: every fillable field of the document's form as {@code <baseName>.json},
 * {@code {"fields": [{name, type, value, options, required, readOnly, pages, alternateName}]}}: the fully
 * qualified name {@code fill-form} takes, the value as text ({@code Off} for an unticked box), the values
 * a box, radio group or choice may take, and the name a reader shows as its tooltip (null when none).
 */
final class FormFields implements PdfOperation {

    private static final ObjectWriter JSON = new ObjectMapper().writerWithDefaultPrettyPrinter();

    /** One field as reported. */
    record Field(String name, String type, String value, List<String> options, boolean required, boolean readOnly,
                 List<Integer> pages, String alternateName) {
    }

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        OutputFiles files = new OutputFiles(task);
        ProducedFile out = files.file(files.name(null, "json"), "json", null);
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            JSON.writeValue(out.path().toFile(), Map.of("fields", read(doc)));
        }
        return List.of(out);
    }

    static List<Field> read(PDDocument doc) throws IOException {
        PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
        List<Field> out = new ArrayList<>();
        if (form == null) {
            return out;
        }
        Map<COSDictionary, Integer> pageOf = widgetPages(doc);
        for (PDField f : form.getFieldTree()) {
            if (f instanceof PDTerminalField t) {
                List<Integer> pages = new ArrayList<>();
                for (PDAnnotationWidget w : t.getWidgets()) {
                    Integer p = pageOf.get(w.getCOSObject());
                    if (p != null && !pages.contains(p)) {
                        pages.add(p);
                    }
                }
                out.add(new Field(f.getFullyQualifiedName(), type(f), value(f), options(f), f.isRequired(), f.isReadOnly(),
                        pages, f.getAlternateFieldName()));
            }
        }
        return out;
    }

    static String type(PDField f) {
        return switch (f) {
            case PDTextField t -> "text";
            case PDCheckBox c -> "checkbox";
            case PDRadioButton r -> "radio";
            case PDPushButton b -> "button";
            case PDComboBox c -> "combo";
            case PDListBox l -> "list";
            case PDSignatureField s -> "signature";
            default -> "other";
        };
    }

    private static String value(PDField f) {
        return f instanceof PDSignatureField ? null : f.getValueAsString();
    }

    private static List<String> options(PDField f) {
        if (f instanceof PDChoice c) {
            return c.getOptionsExportValues();
        }
        if (f instanceof PDButton b && !(f instanceof PDPushButton)) {
            return List.copyOf(new java.util.TreeSet<>(b.getOnValues()));
        }
        return List.of();
    }

    /** The page (1-based) each widget sits on, from the pages' own annotation lists. */
    private static Map<COSDictionary, Integer> widgetPages(PDDocument doc) throws IOException {
        Map<COSDictionary, Integer> out = new IdentityHashMap<>();
        for (int i = 0; i < doc.getNumberOfPages(); i++) {
            for (PDAnnotation a : doc.getPage(i).getAnnotations()) {
                out.putIfAbsent(a.getCOSObject(), i + 1);
            }
        }
        return out;
    }
}
