package io.kiln.engine.pdf;

import java.util.Calendar;
import java.util.Locale;
import java.time.OffsetDateTime;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;

/** What {@code pdf → info} reports, as written to JSON (names are the wire names). */
record PdfInfoReport(int pageCount, String pdfVersion, boolean encrypted, Integer encryptionKeyBits,
                     Permissions permissions, Metadata metadata, PageSize firstPageSize, boolean hasForm,
                     boolean hasOutline, int attachments) {

    /** What the opener may do; all true for an unencrypted document or one opened with the owner password. */
    record Permissions(boolean canPrint, boolean canPrintFaithful, boolean canModify, boolean canExtractContent,
                       boolean canExtractForAccessibility, boolean canFillInForm, boolean canModifyAnnotations,
                       boolean canAssembleDocument) {
        static Permissions of(AccessPermission p) {
            return new Permissions(p.canPrint(), p.canPrintFaithful(), p.canModify(), p.canExtractContent(),
                    p.canExtractForAccessibility(), p.canFillInForm(), p.canModifyAnnotations(),
                    p.canAssembleDocument());
        }
    }

    /** The document information dictionary; dates as ISO-8601 with the document's own offset. */
    record Metadata(String title, String author, String subject, String keywords, String creator,
                    String producer, String creationDate, String modificationDate) {
        static Metadata of(PDDocumentInformation info) {
            return new Metadata(info.getTitle(), info.getAuthor(), info.getSubject(), info.getKeywords(),
                    info.getCreator(), info.getProducer(), iso(info.getCreationDate()),
                    iso(info.getModificationDate()));
        }

        static String iso(Calendar date) {
            return date == null ? null
                    : OffsetDateTime.ofInstant(date.toInstant(), date.getTimeZone().toZoneId()).toString();
        }
    }

    /** A page's visible area in points (1/72 inch), before its rotation is applied. */
    record PageSize(double width, double height, int rotation) {
        static PageSize of(PDRectangle box, int rotation) {
            return new PageSize(round(box.getWidth()), round(box.getHeight()), rotation);
        }

        private static double round(float points) {
            return Math.round(points * 100) / 100.0;
        }
    }

    static String version(PDDocument doc) {
        return String.format(Locale.ROOT, "%.1f", doc.getVersion());
    }
}
