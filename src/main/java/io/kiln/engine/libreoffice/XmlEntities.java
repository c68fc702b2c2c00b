package io.kiln.engine.libreoffice;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.DTD;
import javax.xml.stream.events.EntityDeclaration;
import javax.xml.stream.events.XMLEvent;

/**
 * Refuses an XML part of an office package whose DOCTYPE declares entities that expand past a bound
 * (a billion laughs) or name outside resources (an external entity). LibreOffice refuses a DOCTYPE in
 * a document's own parts, but an SVG picture inside a document is parsed with its entities expanded:
 * an odt whose picture held a billion laughs kept a LibreOffice process busy for the job's whole
 * 120 s ({@code hardening/BombsTest}). The JDK's StAX parser does the judging, with its entity limits
 * tightened; only parts that may have a DOCTYPE are parsed (most show their root element in the first
 * bytes, before which any DOCTYPE must come), so ordinary documents cost one look at each part's start.
 */
final class XmlEntities {

    /** Entity references one part may expand; a real SVG from a drawing program uses a handful. */
    static final int MAX_EXPANSIONS = 10_000;
    /** Bytes all expansions of one part may add up to. */
    static final int MAX_EXPANDED_BYTES = 8 << 20;
    /** How much of a part's start is looked at. */
    static final int PREFIX = 4096;
    private static final Pattern COMMENTS_AND_PIS = Pattern.compile("<!--.*?-->|<\\?.*?\\?>", Pattern.DOTALL);
    private static final Pattern ROOT_START = Pattern.compile("<[\\p{L}_:]");
    private static final Pattern EXTERNAL_ENTITY = Pattern.compile("<!ENTITY\\s+(?:%\\s+)?(\\S+)\\s+(?:SYSTEM|PUBLIC)\\b");
    private static final String LIMITS = "http://www.oracle.com/xml/jaxp/properties/";

    private XmlEntities() {
    }

    /** Whether a part starting with {@code prefix} (its first bytes) needs parsing to be judged. */
    static boolean mayDeclareEntities(byte[] prefix) {
        String start = new String(prefix, 0, Math.min(prefix.length, PREFIX), StandardCharsets.ISO_8859_1).stripLeading();
        if (start.startsWith("\u00ef\u00bb\u00bf")) {
            start = start.substring(3).stripLeading(); // a UTF-8 byte order mark
        }
        if (!start.startsWith("<")) {
            return false; // not XML (an image, a binary part)
        }
        String prolog = COMMENTS_AND_PIS.matcher(start).replaceAll("");
        return prolog.contains("<!DOCTYPE") || !ROOT_START.matcher(prolog).find();
    }

    /**
     * @param part the part's name, for the message
     * @throws ConversionFailed {@code document_too_large} for entities that expand past the bounds,
     *     {@code corrupt_document} for an external entity
     */
    static void check(String part, InputStream xml) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, true);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        factory.setProperty(LIMITS + "entityExpansionLimit", String.valueOf(MAX_EXPANSIONS));
        factory.setProperty(LIMITS + "totalEntitySizeLimit", String.valueOf(MAX_EXPANDED_BYTES));
        factory.setProperty(LIMITS + "maxGeneralEntitySizeLimit", String.valueOf(MAX_EXPANDED_BYTES));
        factory.setProperty(LIMITS + "maxParameterEntitySizeLimit", String.valueOf(MAX_EXPANDED_BYTES));
        try {
            XMLEventReader events = factory.createXMLEventReader(xml);
            while (events.hasNext()) {
                XMLEvent e = events.nextEvent();
                if (e instanceof DTD dtd) {
                    refuseExternal(part, dtd);
                }
            }
        } catch (ConversionFailed refused) {
            throw refused;
        } catch (XMLStreamException | RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("JAXP0001")) {
                throw new ConversionFailed(ErrorCode.DOCUMENT_TOO_LARGE, "The document's part " + part
                        + " declares XML entities that expand past what a conversion may hold (an entity bomb?).", e);
            }
            // malformed XML is LibreOffice's to judge, and to say so
        }
    }

    /** Refuses a DOCTYPE declaring an external entity (as the parser reports it, or as it is written). */
    private static void refuseExternal(String part, DTD dtd) {
        List<EntityDeclaration> entities = dtd.getEntities();
        String named = entities == null ? null : entities.stream()
                .filter(d -> d.getSystemId() != null || d.getPublicId() != null).map(EntityDeclaration::getName)
                .findFirst().orElse(null);
        var written = EXTERNAL_ENTITY.matcher(String.valueOf(dtd.getDocumentTypeDeclaration()));
        if (named == null && written.find()) {
            named = written.group(1);
        }
        if (named != null) {
            throw new ConversionFailed(ErrorCode.CORRUPT_DOCUMENT, "The document's part " + part
                    + " declares an external XML entity (" + named + "), which Kiln does not resolve.");
        }
    }
}
