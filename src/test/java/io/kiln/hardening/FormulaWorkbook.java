package io.kiln.hardening;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A one-sheet workbook whose first cell is 1 and each of whose next {@code rows - 1} cells holds a
 * {@link Formula} of the cells above it, with no cached values, so LibreOffice must calculate what it
 * shows. Streamed into the zip, so a million rows cost the test no memory.
 */
final class FormulaWorkbook {

    private FormulaWorkbook() {
    }

    /** What row {@code n} computes, in OOXML's and ODF's syntax, from row {@code n - 1} ({@code %1$d}). */
    enum Formula {
        /** {@code MAX(A1:An-1)+1}: quadratic to recalculate, as an attacker would choose, and each cell listens to a range */
        MAX_OF_ALL_ABOVE("MAX(A1:A%1$d)+1", "of:=MAX([.A1:.A%1$d])+1"),
        /** {@code An-1+1}: linear, one cell listening to the one above */
        CHAIN("A%1$d+1", "of:=[.A%1$d]+1");

        private final String ooxml;
        private final String odf;

        Formula(String ooxml, String odf) {
            this.ooxml = ooxml;
            this.odf = odf;
        }
    }

    static Path xlsx(Path out, Formula formula, int rows) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            part(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                    <Default Extension="xml" ContentType="application/xml"/>\
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
                    </Types>""");
            part(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
                    </Relationships>""");
            part(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                    <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            part(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
                    </Relationships>""");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            Writer sheet = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            sheet.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    + "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
            for (int n = 2; n <= rows; n++) {
                sheet.write("<row r=\"" + n + "\"><c r=\"A" + n + "\"><f>" + formula.ooxml.formatted(n - 1)
                        + "</f></c></row>");
            }
            sheet.write("</sheetData></worksheet>");
            sheet.flush();
            zip.closeEntry();
        }
        return out;
    }

    /** The same sheet as ODF: {@code mimetype} first and stored, then the content. */
    static Path ods(Path out, Formula formula, int rows) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            byte[] mimetype = "application/vnd.oasis.opendocument.spreadsheet".getBytes(StandardCharsets.US_ASCII);
            io.kiln.testing.OfficePackages.stored(zip, "mimetype", mimetype);
            part(zip, "META-INF/manifest.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">\
                    <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\
                    <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\
                    </manifest:manifest>""");
            zip.putNextEntry(new ZipEntry("content.xml"));
            Writer content = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            content.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                    + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
                    + " xmlns:of=\"urn:oasis:names:tc:opendocument:xmlns:of:1.2\" office:version=\"1.3\">"
                    + "<office:body><office:spreadsheet><table:table table:name=\"Sheet1\">"
                    + "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>");
            for (int n = 2; n <= rows; n++) {
                content.write("<table:table-row><table:table-cell table:formula=\"" + formula.odf.formatted(n - 1)
                        + "\"/></table:table-row>");
            }
            content.write("</table:table></office:spreadsheet></office:body></office:document-content>");
            content.flush();
            zip.closeEntry();
        }
        return out;
    }

    private static void part(ZipOutputStream zip, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
