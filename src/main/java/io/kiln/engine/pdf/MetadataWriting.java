package io.kiln.engine.pdf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.schema.XMPSchema;
import org.apache.xmpbox.type.AbstractField;
import org.apache.xmpbox.xml.DomXmpParser;
import org.apache.xmpbox.xml.XmpSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pdf → set-metadata}: writes the information dictionary — {@code title}, {@code author},
 * {@code subject}, {@code keywords}, {@code creator}, {@code producer}, and any other keys as the
 * {@code custom} JSON object — where an empty value (or {@code null} in {@code custom}) removes the
 * entry. The modification date becomes now. A document that carries an XMP packet gets the same
 * values there (Dublin Core, PDF and XMP basic schemas), so the two never disagree, which PDF/A
 * validators and most viewers would notice.
 */
final class MetadataWriting implements PdfOperation {

    /** The option of each standard entry, and the information dictionary's key for it. */
    static final Map<String, String> STANDARD = standard();
    private static final Set<String> RESERVED = Set.of("CreationDate", "ModDate", "Trapped");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final int MAX_VALUE = 32_768;
    private static final Logger LOG = LoggerFactory.getLogger(MetadataWriting.class);

    private static Map<String, String> standard() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("title", "Title");
        m.put("author", "Author");
        m.put("subject", "Subject");
        m.put("keywords", "Keywords");
        m.put("creator", "Creator");
        m.put("producer", "Producer");
        return Map.copyOf(m);
    }

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        Map<String, Optional<String>> changes = changes(task);
        OutputFiles files = new OutputFiles(task);
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            PDDocumentInformation info = doc.getDocumentInformation();
            changes.forEach((key, value) -> info.getCOSObject().setString(COSName.getPDFName(key), value.orElse(null)));
            Calendar now = Calendar.getInstance();
            info.setModificationDate(now);
            doc.setDocumentInformation(info);
            PDMetadata packet = doc.getDocumentCatalog().getMetadata();
            if (packet != null) {
                syncXmp(doc, packet, info, now);
            }
            Cancellation.check();
            return List.of(files.savePdf(doc, files.name(null, "pdf")));
        }
    }

    /** Key → new value (empty: remove), from the options; refuses what cannot be written. */
    private static Map<String, Optional<String>> changes(ConversionTask task) {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        Map<String, String> given = task.options().values(); // not string(), which drops empty values: here they remove
        STANDARD.forEach((option, key) -> {
            if (given.containsKey(option)) {
                out.put(key, Optional.of(given.get(option).strip()).filter(s -> !s.isEmpty()));
            }
        });
        Optional<String> custom = task.options().string("custom");
        if (custom.isPresent()) {
            JsonNode json;
            try {
                json = new ObjectMapper().readTree(custom.get());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw invalid("custom: not JSON (" + e.getOriginalMessage() + ")");
            }
            if (json == null || !json.isObject()) {
                throw invalid("custom: a JSON object of keys and text values, e.g. {\"Department\":\"Sales\"}");
            }
            for (var field : json.properties()) {
                String key = field.getKey();
                if (!KEY.matcher(key).matches() || RESERVED.contains(key)) {
                    throw invalid("custom: '" + key + "' cannot be a key (a letter, then letters, digits, '_', '.' or '-'; not "
                            + String.join(", ", RESERVED) + ")");
                }
                JsonNode v = field.getValue();
                if (!v.isNull() && !v.isValueNode()) {
                    throw invalid("custom: the value of '" + key + "' must be text or null");
                }
                out.put(key, v.isNull() ? Optional.empty() : Optional.of(v.asText()).filter(s -> !s.isEmpty()));
            }
        }
        if (out.isEmpty()) {
            throw invalid("name at least one entry to write: " + String.join(", ", STANDARD.keySet()) + " or custom");
        }
        out.forEach((key, value) -> {
            if (value.map(String::length).orElse(0) > MAX_VALUE) {
                throw invalid(key + ": longer than " + MAX_VALUE + " characters");
            }
        });
        return out;
    }

    /** Rewrites the packet's standard properties from the dictionary; a packet that cannot be read is replaced. */
    private static void syncXmp(PDDocument doc, PDMetadata packet, PDDocumentInformation info, Calendar now)
            throws IOException {
        XMPMetadata xmp;
        try {
            DomXmpParser parser = new DomXmpParser();
            parser.setStrictParsing(false);
            xmp = parser.parse(packet.toByteArray());
        } catch (Exception unreadable) {
            LOG.info("replacing an XMP packet that cannot be parsed: {}", unreadable.getMessage());
            xmp = XMPMetadata.createXMPMetadata();
        }
        DublinCoreSchema dc = Optional.ofNullable(xmp.getDublinCoreSchema()).orElseGet(xmp::createAndAddDublinCoreSchema);
        AdobePDFSchema pdf = Optional.ofNullable(xmp.getAdobePDFSchema()).orElseGet(xmp::createAndAddAdobePDFSchema);
        XMPBasicSchema basic = Optional.ofNullable(xmp.getXMPBasicSchema()).orElseGet(xmp::createAndAddXMPBasicSchema);
        remove(dc, DublinCoreSchema.TITLE);
        remove(dc, DublinCoreSchema.CREATOR);
        remove(dc, DublinCoreSchema.DESCRIPTION);
        Optional.ofNullable(info.getTitle()).ifPresent(dc::setTitle);
        Optional.ofNullable(info.getAuthor()).ifPresent(dc::addCreator);
        Optional.ofNullable(info.getSubject()).ifPresent(dc::setDescription);
        remove(pdf, AdobePDFSchema.KEYWORDS);
        remove(pdf, AdobePDFSchema.PRODUCER);
        Optional.ofNullable(info.getKeywords()).ifPresent(pdf::setKeywords);
        Optional.ofNullable(info.getProducer()).ifPresent(pdf::setProducer);
        remove(basic, XMPBasicSchema.CREATORTOOL);
        Optional.ofNullable(info.getCreator()).ifPresent(basic::setCreatorTool);
        basic.setModifyDate(now);
        basic.setMetadataDate(now);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new XmpSerializer().serialize(xmp, out, true);
        } catch (javax.xml.transform.TransformerException e) {
            throw new IOException("the XMP packet could not be written", e);
        }
        PDMetadata written = new PDMetadata(doc);
        written.importXMPMetadata(out.toByteArray());
        doc.getDocumentCatalog().setMetadata(written);
    }

    private static void remove(XMPSchema schema, String property) {
        AbstractField field = schema.getProperty(property);
        if (field != null) {
            schema.removeProperty(field);
        }
    }

    private static ConversionFailed invalid(String message) {
        return new ConversionFailed(ErrorCode.INVALID_OPTION, message);
    }
}
