package io.kiln.engine.pdf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDCheckBox;
import org.apache.pdfbox.pdmodel.interactive.form.PDChoice;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDPushButton;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

/**
 * {@code pdf → fill-form}: the {@code fields} option, a JSON object of fully qualified names (as
 * {@code form-fields} reports them) and values, or an FDF or XFDF file sent after the document (as
 * {@code form-data} writes them; {@code fields} then overrides it), written into the form with fresh appearances;
 * {@code flatten} then makes the filled form page content. A box takes {@code true}/{@code false} or
 * one of its on values, a list box an array. Every name and value is checked before anything is
 * written, and all that are wrong are named in one answer.
 */
final class FormFilling implements PdfOperation {

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        JsonNode values = values(task);
        OutputFiles files = new OutputFiles(task);
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
            if (form == null || form.getFields().isEmpty()) {
                throw invalid("fields: the document has no form to fill");
            }
            List<String> wrong = new ArrayList<>();
            List<Runnable> writes = new ArrayList<>();
            for (var entry : values.properties()) {
                PDField field = form.getField(entry.getKey());
                if (field == null) {
                    wrong.add("'" + entry.getKey() + "' is no field of this form");
                } else {
                    plan(field, entry.getValue(), wrong, writes);
                }
            }
            if (!wrong.isEmpty()) {
                throw invalid("fields: " + String.join("; ", wrong));
            }
            for (Runnable write : writes) {
                write.run();
            }
            if (task.options().bool("flatten", false)) {
                Flattening.flattenForm(form);
            }
            Cancellation.check();
            return List.of(files.savePdf(doc, files.name(null, "pdf")));
        }
    }

    /** Adds the write of one value, or why it cannot be written. */
    private static void plan(PDField field, JsonNode value, List<String> wrong, List<Runnable> writes) {
        String name = field.getFullyQualifiedName();
        if (field instanceof PDSignatureField || field instanceof PDPushButton) {
            wrong.add("'" + name + "' is a " + FormFields.type(field) + ", which cannot be filled in");
            return;
        }
        if (field instanceof PDCheckBox box) {
            String on = box.getOnValue();
            boolean tick = value.isBoolean() ? value.asBoolean() : !value.asText().equalsIgnoreCase("off")
                    && (value.asText().equalsIgnoreCase("true") || value.asText().equals(on));
            if (!value.isBoolean() && !tick && !value.asText().equalsIgnoreCase("off") && !value.asText().equalsIgnoreCase("false")) {
                wrong.add("'" + name + "' is a checkbox: true, false, Off or " + on);
                return;
            }
            writes.add(() -> write(name, () -> {
                if (tick) {
                    box.check();
                } else {
                    box.unCheck();
                }
            }));
            return;
        }
        if (value.isArray()) {
            if (!(field instanceof PDChoice choice) || !choice.isMultiSelect()) {
                wrong.add("'" + name + "' takes one value, not a list");
                return;
            }
            List<String> chosen = new ArrayList<>();
            value.forEach(v -> chosen.add(v.asText()));
            writes.add(() -> write(name, () -> choice.setValue(chosen)));
            return;
        }
        if (!value.isValueNode() || value.isNull()) {
            wrong.add("'" + name + "' needs text, a number or true/false");
            return;
        }
        String text = value.asText();
        if (field instanceof PDChoice choice && !choice.isCombo() && !choice.getOptionsExportValues().contains(text)) {
            wrong.add("'" + name + "' takes one of " + new TreeSet<>(choice.getOptionsExportValues()));
            return;
        }
        writes.add(() -> write(name, () -> field.setValue(text)));
    }

    /** A PDFBox write, its failures (a value the field's font cannot show, an option it lacks) as the client's error. */
    private static void write(String name, IoAction action) {
        try {
            action.run();
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("fields: '" + name + "' cannot take that value (" + e.getMessage() + ")");
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    /** The data file's values (a second input), then the {@code fields} option's over them. */
    private static JsonNode values(ConversionTask task) throws IOException {
        Optional<String> fields = task.options().string("fields");
        if (task.inputs().size() < 2) {
            return values(fields.orElseThrow(() -> invalid("fields: the values to fill in, as a JSON object, e.g."
                    + " {\"name\":\"Ada\",\"agree\":true}, or an FDF or XFDF file sent after the document")));
        }
        ObjectNode merged = FormDataFile.values(task.inputs().get(1));
        fields.ifPresent(f -> merged.setAll((ObjectNode) values(f)));
        return merged;
    }

    private static JsonNode values(String json) {
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid("fields: not JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw invalid("fields: a JSON object of field names and values, e.g. {\"name\":\"Ada\"}");
        }
        return node;
    }

    private static ConversionFailed invalid(String message) {
        return new ConversionFailed(ErrorCode.INVALID_OPTION, message);
    }
}
