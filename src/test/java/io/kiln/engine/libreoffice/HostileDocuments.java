package io.kiln.engine.libreoffice;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds small documents that try to reach out (linked images) or run code (a Basic macro on load). */
final class HostileDocuments {

    private HostileDocuments() {
    }

    /** A .docx whose only picture is an external link ({@code a:blip r:link}, TargetMode="External"). */
    static Path docxWithLinkedImage(Path dir, String url) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/word/document.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
                </Types>""");
        parts.put("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
                Target="word/document.xml"/></Relationships>""");
        parts.put("word/_rels/document.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" \
                Target="%s" TargetMode="External"/></Relationships>""".formatted(url));
        parts.put("word/document.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" \
                xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" \
                xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
                xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>\
                <w:p><w:r><w:t>Canary document</w:t></w:r></w:p>\
                <w:p><w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/><wp:docPr id="1" name="Picture 1"/>\
                <a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>\
                <pic:nvPicPr><pic:cNvPr id="1" name="canary.png"/><pic:cNvPicPr/></pic:nvPicPr>\
                <pic:blipFill><a:blip r:link="rId9"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
                <pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm>\
                <a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>\
                </wp:inline></w:drawing></w:r></w:p></w:body></w:document>""");
        return zip(dir.resolve("canary.docx"), null, parts);
    }

    /** An .odt whose only picture is a link ({@code draw:image xlink:href}) to {@code url}. */
    static Path odtWithLinkedImage(Path dir, String url) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("META-INF/manifest.xml", manifest());
        parts.put("content.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
                xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
                xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" \
                xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" \
                xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.2"><office:body><office:text>\
                <text:p>Canary document</text:p><text:p><draw:frame draw:name="canary" text:anchor-type="as-char" \
                svg:width="2cm" svg:height="2cm"><draw:image xlink:href="%s" xlink:type="simple" \
                xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>\
                </office:text></office:body></office:document-content>""".formatted(url));
        return zip(dir.resolve("canary.odt"), "application/vnd.oasis.opendocument.text", parts);
    }

    /** An .odt with a Basic macro bound to the document's load event; the macro writes {@code marker}. */
    static Path odtWithMacroOnLoad(Path dir, Path marker) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("META-INF/manifest.xml", manifest(
                "Basic/script-lc.xml", "Basic/Standard/script-lb.xml", "Basic/Standard/Module1.xml"));
        String macro = "vnd.sun.star.script:Standard.Module1.WriteMarker?language=Basic&amp;location=document";
        parts.put("content.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
                xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
                xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" \
                xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.2">\
                <office:scripts><office:event-listeners>\
                <script:event-listener script:language="ooo:script" script:event-name="dom:load" \
                xlink:href="%1$s" xlink:type="simple"/>\
                <script:event-listener script:language="ooo:script" script:event-name="office:load-finished" \
                xlink:href="%1$s" xlink:type="simple"/>\
                </office:event-listeners></office:scripts>\
                <office:body><office:text><text:p>Macro document</text:p></office:text></office:body>\
                </office:document-content>""".formatted(macro));
        parts.put("Basic/script-lc.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <library:libraries xmlns:library="http://openoffice.org/2000/library" \
                xmlns:xlink="http://www.w3.org/1999/xlink">\
                <library:library library:name="Standard" library:link="false"/></library:libraries>""");
        parts.put("Basic/Standard/script-lb.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" \
                library:readonly="false" library:passwordprotected="false">\
                <library:element library:name="Module1"/></library:library>""");
        parts.put("Basic/Standard/Module1.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" \
                script:language="StarBasic">Sub WriteMarker
                  Dim n As Integer
                  n = FreeFile
                  Open "%s" For Output As #n
                  Print #n, "the macro ran"
                  Close #n
                End Sub
                </script:module>""".formatted(marker.toAbsolutePath()));
        return zip(dir.resolve("macro.odt"), "application/vnd.oasis.opendocument.text", parts);
    }

    private static String manifest(String... extra) {
        StringBuilder entries = new StringBuilder();
        for (String path : extra) {
            entries.append("<manifest:file-entry manifest:full-path=\"").append(path)
                    .append("\" manifest:media-type=\"text/xml\"/>");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
                manifest:version="1.2">\
                <manifest:file-entry manifest:full-path="/" manifest:version="1.2" \
                manifest:media-type="application/vnd.oasis.opendocument.text"/>\
                <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\
                %s</manifest:manifest>""".formatted(entries);
    }

    private static Path zip(Path file, String mimetype, Map<String, String> parts) throws IOException {
        return io.kiln.testing.OfficePackages.zip(file, mimetype, parts);
    }
}
