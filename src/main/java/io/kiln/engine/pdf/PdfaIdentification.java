package io.kiln.engine.pdf;

import io.kiln.engine.pdfa.PdfaLevel;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.XmpSerializer;

/**
 * What makes a file say it is PDF/A: an XMP packet with {@code pdfaid:part} and
 * {@code pdfaid:conformance} whose title, author, subject, keywords, creator tool, producer and dates
 * are the information dictionary's (validators compare the two), and an sRGB output intent, which
 * gives the device colours of ordinary documents a defined meaning. The packet is written anew: an
 * old one may hold schemas PDF/A-1 would want described, and its claims are no longer true.
 */
final class PdfaIdentification {

    private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    private static final String SRGB_NAME = "sRGB IEC61966-2.1";

    private PdfaIdentification() {
    }

    static void write(PDDocument doc, PdfaLevel level) throws IOException {
        PDDocumentInformation info = syncedInformation(doc);
        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        PDFAIdentificationSchema id = xmp.createAndAddPDFAIdentificationSchema();
        id.setPart(level.part());
        try {
            id.setConformance(level.conformance());
        } catch (BadFieldValueException e) {
            throw new IllegalStateException("a conformance xmpbox refuses: " + level.conformance(), e);
        }
        DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
        dc.setFormat("application/pdf");
        Optional.ofNullable(info.getTitle()).ifPresent(dc::setTitle);
        Optional.ofNullable(info.getAuthor()).ifPresent(dc::addCreator);
        Optional.ofNullable(info.getSubject()).ifPresent(dc::setDescription);
        AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
        Optional.ofNullable(info.getKeywords()).ifPresent(pdf::setKeywords);
        Optional.ofNullable(info.getProducer()).ifPresent(pdf::setProducer);
        XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
        Optional.ofNullable(info.getCreator()).ifPresent(basic::setCreatorTool);
        basic.setCreateDate(info.getCreationDate());
        basic.setModifyDate(info.getModificationDate());
        basic.setMetadataDate(info.getModificationDate());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new XmpSerializer().serialize(xmp, out, true);
        } catch (javax.xml.transform.TransformerException e) {
            throw new IOException("the XMP packet could not be written", e);
        }
        PDMetadata packet = new PDMetadata(doc);
        packet.importXMPMetadata(out.toByteArray());
        doc.getDocumentCatalog().setMetadata(packet);
        outputIntent(doc);
    }

    /**
     * The information dictionary with dates a packet can repeat exactly: the modification date is
     * now, a creation date that cannot be read becomes now, and Trapped (which would need its own
     * XMP twin) goes.
     */
    private static PDDocumentInformation syncedInformation(PDDocument doc) {
        PDDocumentInformation info = doc.getDocumentInformation();
        Calendar now = Calendar.getInstance();
        now.set(Calendar.MILLISECOND, 0);
        Calendar created = Optional.ofNullable(safeCreationDate(info)).orElse(now);
        info.setCreationDate(created);
        info.setModificationDate(now);
        info.getCOSObject().removeItem(COSName.TRAPPED);
        for (String key : List.of("Title", "Author", "Subject", "Keywords", "Creator", "Producer")) {
            String value = info.getCOSObject().getString(COSName.getPDFName(key));
            if (value != null && value.isBlank()) {
                info.getCOSObject().removeItem(COSName.getPDFName(key)); // an empty twin in XMP reads as a mismatch
            }
        }
        doc.setDocumentInformation(info);
        return info;
    }

    private static Calendar safeCreationDate(PDDocumentInformation info) {
        try {
            return info.getCreationDate();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * Keeps the first PDF/A output intent the document has (its author chose it; PDF/A wants every
     * intent to be the same profile, so it stays alone); otherwise sRGB is the only one.
     */
    private static void outputIntent(PDDocument doc) throws IOException {
        PDDocumentCatalog catalog = doc.getDocumentCatalog();
        Optional<PDOutputIntent> own = catalog.getOutputIntents().stream()
                .filter(i -> "GTS_PDFA1".equals(i.getCOSObject().getNameAsString(COSName.S)))
                .filter(i -> i.getDestOutputIntent() != null).findFirst();
        catalog.getCOSObject().removeItem(COSName.OUTPUT_INTENTS);
        if (own.isPresent()) {
            catalog.addOutputIntent(own.get());
            return;
        }
        PDOutputIntent srgb = new PDOutputIntent(doc, new ByteArrayInputStream(SRGB));
        srgb.setInfo(SRGB_NAME);
        srgb.setOutputCondition(SRGB_NAME);
        srgb.setOutputConditionIdentifier(SRGB_NAME);
        srgb.setRegistryName("http://www.color.org");
        catalog.addOutputIntent(srgb);
    }
}
