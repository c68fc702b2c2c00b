package io.kiln.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Office documents that try to reach a URL by each mechanism the formats offer: linked images,
 * Word fields (INCLUDEPICTURE, INCLUDETEXT, DDEAUTO), an attached template, a linked OLE object,
 * XInclude, Calc's WEBSERVICE function and external workbook links, linked ODF sections and sheets,
 * and an SVG picture inside a document whose own image, XInclude and CSS point out. Each document
 * asks for its own path ({@code urlFor.apply(mechanism)}), so a hit names the mechanism that made it.
 */
public final class OutreachDocuments {

    /** One document: the mechanism it tries, and the file. */
    public record Outreach(String mechanism, Path file) {
    }

    private OutreachDocuments() {
    }

    /** Every document, written under {@code dir}; {@code urlFor} gives the URL a mechanism reaches for. */
    public static List<Outreach> all(Path dir, Function<String, String> urlFor) {
        List<Outreach> all = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            String url = xml(urlFor.apply(kind.mechanism));
            try {
                all.add(new Outreach(kind.mechanism, kind.write(dir.resolve(kind.mechanism + "." + kind.extension), url)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    /** An .odt whose one picture is the SVG {@code svg} (LibreOffice parses it to draw it). */
    public static Path odtPicturing(Path file, String svg) throws IOException {
        return odt(file, "<draw:frame draw:name=\"svg\" text:anchor-type=\"as-char\" svg:width=\"4cm\" svg:height=\"2cm\">"
                + "<draw:image xlink:href=\"Pictures/picture.svg\" xlink:type=\"simple\" xlink:show=\"embed\" "
                + "xlink:actuate=\"onLoad\" draw:mime-type=\"image/svg+xml\"/></draw:frame>", Map.of("Pictures/picture.svg", svg));
    }

    private enum Kind {
        DOCX_LINKED_IMAGE("docx-linked-image", "docx"),
        DOCX_INCLUDEPICTURE("docx-includepicture", "docx"),
        DOCX_INCLUDETEXT("docx-includetext", "docx"),
        DOCX_DDEAUTO("docx-ddeauto", "docx"),
        DOCX_ATTACHED_TEMPLATE("docx-attached-template", "docx"),
        DOCX_LINKED_OLE("docx-linked-ole", "docx"),
        DOCX_XINCLUDE("docx-xinclude", "docx"),
        XLSX_WEBSERVICE("xlsx-webservice", "xlsx"),
        XLSX_EXTERNAL_LINK("xlsx-external-link", "xlsx"),
        ODS_WEBSERVICE("ods-webservice", "ods"),
        ODS_LINKED_SHEET("ods-linked-sheet", "ods"),
        CSV_WEBSERVICE("csv-webservice", "csv"),
        ODT_LINKED_IMAGE("odt-linked-image", "odt"),
        ODT_LINKED_SECTION("odt-linked-section", "odt"),
        ODT_XINCLUDE("odt-xinclude", "odt"),
        ODT_SVG_PICTURE("odt-svg-picture", "odt"),
        ODP_LINKED_IMAGE("odp-linked-image", "odp"),
        RTF_INCLUDEPICTURE("rtf-includepicture", "rtf");

        final String mechanism;
        final String extension;

        Kind(String mechanism, String extension) {
            this.mechanism = mechanism;
            this.extension = extension;
        }

        Path write(Path file, String url) throws IOException {
            return switch (this) {
                case DOCX_LINKED_IMAGE -> docx(file, LINKED_PICTURE, rel("rIdL", "image", url));
                case DOCX_INCLUDEPICTURE -> docx(file, field("INCLUDEPICTURE &quot;" + url + "&quot; \\d"), "");
                case DOCX_INCLUDETEXT -> docx(file, field("INCLUDETEXT &quot;" + url + "&quot;"), "");
                case DOCX_DDEAUTO -> docx(file, field("DDEAUTO &quot;" + url + "&quot; &quot;topic&quot; \\a"), "");
                case DOCX_ATTACHED_TEMPLATE -> attachedTemplate(file, url);
                case DOCX_LINKED_OLE -> docx(file, LINKED_OLE, rel("rIdO", "oleObject", url)
                        + rel("rIdI", "image", url + "-preview"));
                case DOCX_XINCLUDE -> docx(file, "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                        + url + "\" parse=\"text\"/>", "");
                case XLSX_WEBSERVICE -> xlsx(file, "<c r=\"A2\" t=\"str\"><f>WEBSERVICE(\"" + url + "\")</f></c>", "", "");
                case XLSX_EXTERNAL_LINK -> xlsx(file, "<c r=\"A2\"><f>[1]Sheet1!A1</f></c>",
                        "<externalReferences><externalReference r:id=\"rIdX\"/></externalReferences>", url);
                case ODS_WEBSERVICE -> ods(file, "<table:table-row><table:table-cell table:formula=\"of:=WEBSERVICE(&quot;"
                        + url + "&quot;)\" office:value-type=\"string\"/></table:table-row>", "");
                case ODS_LINKED_SHEET -> ods(file, "", "<table:table-source xlink:type=\"simple\" xlink:href=\"" + url
                        + "\" table:filter-name=\"calc8\" table:mode=\"copy-all\"/>");
                case CSV_WEBSERVICE -> Files.writeString(file, "Outreach document\n=WEBSERVICE(\"" + url.replace("&amp;", "&")
                        + "\")\n", StandardCharsets.UTF_8);
                case ODT_LINKED_IMAGE -> odt(file, "<draw:frame draw:name=\"i\" text:anchor-type=\"as-char\" svg:width=\"2cm\" "
                        + "svg:height=\"2cm\"><draw:image xlink:href=\"" + url + "\" xlink:type=\"simple\" xlink:show=\"embed\" "
                        + "xlink:actuate=\"onLoad\"/></draw:frame>", Map.of());
                case ODT_LINKED_SECTION -> odt(file, "</text:p><text:section text:name=\"s\"><text:section-source xlink:href=\""
                        + url + "\" xlink:type=\"simple\" text:filter-name=\"HTML (StarWriter)\"/><text:p>section</text:p>"
                        + "</text:section><text:p>", Map.of());
                case ODT_XINCLUDE -> odt(file, "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + url
                        + "\" parse=\"text\"/>", Map.of());
                case ODT_SVG_PICTURE -> odtPicturing(file, svg(url));
                case ODP_LINKED_IMAGE -> odp(file, url);
                case RTF_INCLUDEPICTURE -> Files.writeString(file, "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\f0 Outreach document\\par"
                        + "{\\field{\\*\\fldinst INCLUDEPICTURE \"" + url.replace("&amp;", "&") + "\" \\\\d}{\\fldrslt }}\\par"
                        + "{\\field{\\*\\fldinst INCLUDETEXT \"" + url.replace("&amp;", "&") + "-text\"}{\\fldrslt }}\\par}",
                        StandardCharsets.US_ASCII);
            };
        }
    }

    private static final String W = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
            + "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
            + "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
            + "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\" "
            + "xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\"";

    private static final String LINKED_PICTURE = "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"952500\" cy=\"952500\"/>"
            + "<wp:docPr id=\"1\" name=\"Picture 1\"/><a:graphic><a:graphicData "
            + "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"1\" "
            + "name=\"p.png\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:link=\"rIdL\"/><a:stretch><a:fillRect/>"
            + "</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"952500\" cy=\"952500\"/>"
            + "</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
            + "</wp:inline></w:drawing></w:r></w:p>";

    private static final String LINKED_OLE = "<w:p><w:r><w:object w:dxaOrig=\"1440\" w:dyaOrig=\"1440\">"
            + "<v:shape id=\"_x0000_i1025\" type=\"#_x0000_t75\" style=\"width:72pt;height:72pt\" o:ole=\"\">"
            + "<v:imagedata r:id=\"rIdI\" o:title=\"\"/></v:shape><o:OLEObject Type=\"Link\" ProgID=\"Excel.Sheet.12\" "
            + "ShapeID=\"_x0000_i1025\" DrawAspect=\"Content\" r:id=\"rIdO\" UpdateMode=\"Always\"><o:LinkType>EnhancedMetaFile"
            + "</o:LinkType><o:LockedField>false</o:LockedField></o:OLEObject></w:object></w:r></w:p>";

    private static String field(String instruction) {
        return "<w:p><w:fldSimple w:instr=\"" + instruction + "\"><w:r><w:t>field</w:t></w:r></w:fldSimple></w:p>";
    }

    private static String rel(String id, String type, String target) {
        return "<Relationship Id=\"" + id + "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                + type + "\" Target=\"" + target + "\" TargetMode=\"External\"/>";
    }

    private static String rels(String relationships) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships "
                + "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + relationships + "</Relationships>";
    }

    private static String types(String overrides) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types "
                + "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" + overrides + "</Types>";
    }

    private static String override(String part, String type) {
        return "<Override PartName=\"" + part + "\" ContentType=\"application/vnd.openxmlformats-officedocument." + type + "\"/>";
    }

    private static Path docx(Path file, String body, String relationships) throws IOException {
        return docx(file, body, relationships, Map.of());
    }

    private static Path docx(Path file, String body, String relationships, Map<String, String> more) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", types(override("/word/document.xml", "wordprocessingml.document.main+xml")
                + (more.containsKey("word/settings.xml") ? override("/word/settings.xml", "wordprocessingml.settings+xml") : "")));
        parts.put("_rels/.rels", rels("<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                + "relationships/officeDocument\" Target=\"word/document.xml\"/>"));
        parts.put("word/_rels/document.xml.rels", rels(relationships + (more.containsKey("word/settings.xml")
                ? "<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" "
                + "Target=\"settings.xml\"/>" : "")));
        parts.put("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document " + W
                + "><w:body><w:p><w:r><w:t>Outreach document</w:t></w:r></w:p>" + body + "</w:body></w:document>");
        parts.putAll(more);
        return zip(file, null, parts);
    }

    /** Word fetches an attached template named in settings.xml (the "template injection" of phishing documents). */
    private static Path attachedTemplate(Path file, String url) throws IOException {
        return docx(file, "", "", Map.of(
                "word/settings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:settings " + W
                        + "><w:attachedTemplate r:id=\"rIdT\"/></w:settings>",
                "word/_rels/settings.xml.rels", rels("<Relationship Id=\"rIdT\" Type=\"http://schemas.openxmlformats.org/"
                        + "officeDocument/2006/relationships/attachedTemplate\" Target=\"" + url + "\" TargetMode=\"External\"/>")));
    }

    private static Path xlsx(Path file, String cell, String workbookExtra, String externalUrl) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        boolean external = !externalUrl.isEmpty();
        parts.put("[Content_Types].xml", types(override("/xl/workbook.xml", "spreadsheetml.sheet.main+xml")
                + override("/xl/worksheets/sheet1.xml", "spreadsheetml.worksheet+xml")
                + (external ? override("/xl/externalLinks/externalLink1.xml", "spreadsheetml.externalLink+xml") : "")));
        parts.put("_rels/.rels", rels("<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                + "relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"));
        parts.put("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><workbook "
                + "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Sheet1\" "
                + "sheetId=\"1\" r:id=\"rIdW\"/></sheets>" + workbookExtra + "<calcPr fullCalcOnLoad=\"1\"/></workbook>");
        parts.put("xl/_rels/workbook.xml.rels", rels("<Relationship Id=\"rIdW\" Type=\"http://schemas.openxmlformats.org/"
                + "officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + (external ? "<Relationship Id=\"rIdX\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                + "relationships/externalLink\" Target=\"externalLinks/externalLink1.xml\"/>" : "")));
        parts.put("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet "
                + "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" "
                + "t=\"inlineStr\"><is><t>Outreach document</t></is></c></row><row r=\"2\">" + cell + "</row></sheetData></worksheet>");
        if (external) {
            parts.put("xl/externalLinks/externalLink1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<externalLink xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                    + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><externalBook r:id=\"rId1\">"
                    + "<sheetNames><sheetName val=\"Sheet1\"/></sheetNames></externalBook></externalLink>");
            parts.put("xl/externalLinks/_rels/externalLink1.xml.rels", rels("<Relationship Id=\"rId1\" "
                    + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath\" Target=\""
                    + externalUrl + "\" TargetMode=\"External\"/>"));
        }
        return zip(file, null, parts);
    }

    private static final String ODF = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
            + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
            + "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
            + "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "
            + "xmlns:presentation=\"urn:oasis:names:tc:opendocument:xmlns:presentation:1.0\" "
            + "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" "
            + "xmlns:of=\"urn:oasis:names:tc:opendocument:xmlns:of:1.2\" "
            + "xmlns:xlink=\"http://www.w3.org/1999/xlink\" office:version=\"1.2\"";

    private static Path odt(Path file, String inParagraph, Map<String, String> pictures) throws IOException {
        return odf(file, "text", "<office:text><text:p>Outreach document</text:p><text:p>" + inParagraph
                + "</text:p></office:text>", pictures);
    }

    private static Path ods(Path file, String rows, String source) throws IOException {
        return odf(file, "spreadsheet", "<office:spreadsheet><table:table table:name=\"Sheet1\">" + source
                + "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Outreach document</text:p>"
                + "</table:table-cell></table:table-row>" + rows + "</table:table></office:spreadsheet>", Map.of());
    }

    private static Path odp(Path file, String url) throws IOException {
        return odf(file, "presentation", "<office:presentation><draw:page draw:name=\"p1\"><draw:frame svg:x=\"1cm\" "
                + "svg:y=\"1cm\" svg:width=\"10cm\" svg:height=\"2cm\"><draw:text-box><text:p>Outreach document</text:p>"
                + "</draw:text-box></draw:frame><draw:frame svg:x=\"1cm\" svg:y=\"4cm\" svg:width=\"4cm\" svg:height=\"4cm\">"
                + "<draw:image xlink:href=\"" + url + "\" xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\"/>"
                + "</draw:frame></draw:page></office:presentation>", Map.of());
    }

    private static Path odf(Path file, String kind, String body, Map<String, String> pictures) throws IOException {
        String type = "application/vnd.oasis.opendocument." + kind;
        StringBuilder entries = new StringBuilder();
        pictures.keySet().forEach(p -> entries.append("<manifest:file-entry manifest:full-path=\"").append(p)
                .append("\" manifest:media-type=\"image/svg+xml\"/>"));
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("META-INF/manifest.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest "
                + "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
                + "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" manifest:media-type=\"" + type + "\"/>"
                + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>" + entries
                + "</manifest:manifest>");
        parts.put("content.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content " + ODF
                + "><office:body>" + body + "</office:body></office:document-content>");
        parts.putAll(pictures);
        return zip(file, type, parts);
    }

    private static String svg(String url) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:xi=\"http://www.w3.org/2001/XInclude\" width=\"100\" "
                + "height=\"100\"><style>@import url(\"" + url + "-css-import\"); rect{fill:url(\"" + url + "-css-fill#p\")}"
                + "</style><rect width=\"100\" height=\"50\"/><image xlink:href=\"" + url + "-image\" width=\"50\" height=\"50\"/>"
                + "<use xlink:href=\"" + url + "-use#x\"/><xi:include href=\"" + url + "-xinclude\" parse=\"text\"/></svg>";
    }

    /** {@code text} with XML's special characters escaped, for attributes. */
    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static Path zip(Path file, String mimetype, Map<String, String> parts) throws IOException {
        return OfficePackages.zip(file, mimetype, parts);
    }
}
