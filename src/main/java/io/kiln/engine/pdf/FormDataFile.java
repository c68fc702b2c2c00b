package io.kiln.engine.pdf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.fdf.FDFDocument;
import org.apache.pdfbox.pdmodel.fdf.FDFField;

/**
 * An FDF or XFDF file's field values, as the {@code fields} object {@code fill-form} takes: fully
 * qualified names (the file's nested partial names joined by dots) to text, or to a list for a
 * multiple choice. PDFBox reads both formats (its XML parser refuses external entities).
 */
final class FormDataFile {

    private static final int SNIFF = 1024;

    private FormDataFile() {
    }

    static ObjectNode values(Path file) throws IOException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        try (FDFDocument fdf = load(file)) {
            List<FDFField> fields = fdf.getCatalog().getFDF().getFields();
            if (fields != null) {
                for (FDFField f : fields) {
                    collect(f, "", out);
                }
            }
        } catch (IOException e) {
            throw unreadable(e.getMessage());
        }
        if (out.isEmpty()) {
            throw new ConversionFailed(ErrorCode.INVALID_OPTION, "the form data file holds no field values");
        }
        return out;
    }

    private static FDFDocument load(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF);
        }
        String start = new String(head, StandardCharsets.ISO_8859_1);
        if (start.startsWith("%FDF")) {
            return Loader.loadFDF(file.toFile());
        }
        if (start.contains("<xfdf")) {
            return Loader.loadXFDF(file.toFile());
        }
        throw unreadable("it is neither FDF (%FDF-…) nor XFDF (<xfdf …>)");
    }

    private static void collect(FDFField f, String parent, ObjectNode out) throws IOException {
        String name = f.getPartialFieldName() == null ? parent
                : parent.isEmpty() ? f.getPartialFieldName() : parent + "." + f.getPartialFieldName();
        if (f.getKids() != null && !f.getKids().isEmpty()) {
            for (FDFField kid : f.getKids()) {
                collect(kid, name, out);
            }
            return;
        }
        Object value = f.getValue();
        if (value instanceof String s) {
            out.put(name, s);
        } else if (value instanceof List<?> list) {
            ArrayNode a = out.putArray(name);
            list.forEach(v -> a.add(String.valueOf(v)));
        }
    }

    private static ConversionFailed unreadable(String why) {
        return new ConversionFailed(ErrorCode.UNSUPPORTED_FORMAT, "the form data file cannot be read: " + why);
    }
}
