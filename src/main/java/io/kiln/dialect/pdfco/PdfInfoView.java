package io.kiln.dialect.pdfco;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.api.Json;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.job.FileService;
import io.kiln.job.Job;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kiln's {@code pdf → info} report under PDF.co's {@code /v1/pdf/info} names; a report made with
 * {@code fields} (for {@code /v1/pdf/info/fields}) also carries {@link FieldsInfo}.
 */
final class PdfInfoView {

    private final FileService files;

    PdfInfoView(FileService files) {
        this.files = files;
    }

    Map<String, Object> render(Job job) {
        JsonNode r = report(job);
        JsonNode meta = r.path("metadata");
        JsonNode perms = r.path("permissions");
        JsonNode size = r.path("firstPageSize");
        boolean encrypted = r.path("encrypted").asBoolean();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("PageCount", r.path("pageCount").asInt());
        info.put("Author", meta.path("author").asText(""));
        info.put("Title", meta.path("title").asText(""));
        info.put("Producer", meta.path("producer").asText(""));
        info.put("Subject", meta.path("subject").asText(""));
        info.put("CreationDate", meta.path("creationDate").asText(""));
        info.put("Keywords", meta.path("keywords").asText(""));
        info.put("Creator", meta.path("creator").asText(""));
        info.put("ModificationDate", meta.path("modificationDate").asText(""));
        info.put("Encrypted", encrypted);
        info.put("PasswordProtected", encrypted && job.options().containsKey("password"));
        info.put("EncryptionAlgorithm", encrypted ? r.path("encryptionKeyBits").asInt() + "-bit" : "None");
        info.put("PermissionPrinting", perms.path("canPrint").asBoolean(true));
        info.put("PermissionHighQualityPrint", perms.path("canPrintFaithful").asBoolean(true));
        info.put("PermissionModifyDocument", perms.path("canModify").asBoolean(true));
        info.put("PermissionContentExtraction", perms.path("canExtractContent").asBoolean(true));
        info.put("PermissionAccessibility", perms.path("canExtractForAccessibility").asBoolean(true));
        info.put("PermissionFillForms", perms.path("canFillInForm").asBoolean(true));
        info.put("PermissionModifyAnnotations", perms.path("canModifyAnnotations").asBoolean(true));
        info.put("PermissionAssemble", perms.path("canAssembleDocument").asBoolean(true));
        info.put("PageRectangle", Map.of("Left", 0, "Top", 0, "Width", size.path("width").asDouble(),
                "Height", size.path("height").asDouble()));
        info.put("PageRotation", size.path("rotation").asInt());
        info.put("PdfVersion", r.path("pdfVersion").asText(""));
        info.put("HasForm", r.path("hasForm").asBoolean());
        info.put("HasBookmarks", r.path("hasOutline").asBoolean());
        info.put("Attachments", r.path("attachments").asInt());
        if (r.has("fields")) {
            info.put("FieldsInfo", FieldsInfo.of(r.path("fields")));
        }
        return info;
    }

    private JsonNode report(Job job) {
        var out = files.find(job.tenant(), job.outputs().getFirst().fileId()).orElseThrow(() ->
                new ConversionFailed(ErrorCode.NOT_FOUND, "the result of job " + job.id() + " is gone"));
        try (InputStream in = files.open(out)) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new ConversionFailed(ErrorCode.INTERNAL, "the result of job " + job.id() + " cannot be read", e);
        }
    }
}
