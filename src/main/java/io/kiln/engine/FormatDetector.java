package io.kiln.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipFile;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/**
 * Names the Kiln format (a lower-case extension such as {@code pdf} or {@code docx}) of a file from
 * its content, using the client's file name only where content cannot tell: among the plain-text
 * family ({@code txt csv md html}) and inside OLE2 containers (an encrypted {@code docx} is an OLE2
 * file). Only a prefix of the file is read, plus a ZIP's central directory. Thread-safe.
 */
public final class FormatDetector {

    /** How many leading bytes {@link #unmistakable(byte[])} looks at. */
    public static final int HEAD_BYTES = 12;

    private static final Map<String, String> BY_MIME = Map.ofEntries(
            Map.entry("application/pdf", "pdf"),
            Map.entry("image/png", "png"),
            Map.entry("image/jpeg", "jpg"),
            Map.entry("image/gif", "gif"),
            Map.entry("image/bmp", "bmp"),
            Map.entry("image/x-ms-bmp", "bmp"),
            Map.entry("image/tiff", "tiff"),
            Map.entry("image/webp", "webp"),
            Map.entry("application/msword", "doc"),
            Map.entry("application/vnd.ms-wordml", "doc"),
            Map.entry("application/vnd.ms-excel", "xls"),
            Map.entry("application/vnd.ms-excel.sheet.2", "xls"),
            Map.entry("application/vnd.ms-excel.sheet.3", "xls"),
            Map.entry("application/vnd.ms-excel.sheet.4", "xls"),
            Map.entry("application/vnd.ms-powerpoint", "ppt"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
            Map.entry("application/vnd.oasis.opendocument.text", "odt"),
            Map.entry("application/vnd.oasis.opendocument.spreadsheet", "ods"),
            Map.entry("application/vnd.oasis.opendocument.presentation", "odp"),
            Map.entry("application/rtf", "rtf"),
            Map.entry("text/rtf", "rtf"),
            Map.entry("text/html", "html"),
            Map.entry("application/xhtml+xml", "html"),
            Map.entry("text/csv", "csv"),
            Map.entry("text/markdown", "md"),
            Map.entry("text/x-web-markdown", "md"),
            Map.entry("text/plain", "txt"));

    private static final Map<String, String> EXTENSION_ALIASES = Map.of(
            "jpeg", "jpg", "jpe", "jpg", "tif", "tiff", "htm", "html", "xhtml", "html",
            "markdown", "md", "text", "txt");

    private static final Set<String> TEXT_FAMILY = Set.of("txt", "csv", "md", "html");
    private static final Set<String> OLE2_FORMATS = Set.of("doc", "xls", "ppt", "docx", "xlsx", "pptx");
    private static final MediaType OLE2 = MediaType.application("x-tika-msoffice");
    private static final MediaType OOXML = MediaType.application("x-tika-ooxml");
    /** Readers accept a PDF header this far into the file (after print-ticket junk, for instance). */
    private static final int PDF_HEADER_WINDOW = 1024;

    private final Detector detector;
    private final MediaTypeRegistry registry;

    public FormatDetector() {
        TikaConfig config = TikaConfig.getDefaultConfig();
        this.detector = config.getDetector();
        this.registry = config.getMediaTypeRegistry();
    }

    /**
     * The Kiln format of {@code file}, or empty when it is empty or of no format Kiln knows.
     *
     * @param clientFileName the name the client gave the file (may be null); a hint only
     * @throws UncheckedIOException when the file cannot be read
     */
    public Optional<String> detect(Path file, String clientFileName) {
        try {
            if (Files.size(file) == 0) {
                return Optional.empty();
            }
            Optional<String> obvious = unmistakable(file);
            if (obvious.isPresent()) {
                return obvious;
            }
            String ext = extensionOf(clientFileName);
            MediaType type = sniff(file, clientFileName);
            if (type.equals(OLE2) || type.getBaseType().toString().startsWith("application/x-tika-ooxml-protected")) {
                return OLE2_FORMATS.contains(ext) ? Optional.of(ext) : Optional.empty();
            }
            if (registry.isInstanceOf(type, OOXML) || type.equals(MediaType.APPLICATION_ZIP)) {
                Optional<String> inside = ooxmlKind(file);
                if (inside.isPresent()) {
                    return inside;
                }
            }
            if (isText(type) && !"rtf".equals(mapped(type).orElse(""))) {
                if (ext.equals("pdf") && hasPdfHeader(file)) {
                    return Optional.of("pdf");
                }
                return TEXT_FAMILY.contains(ext) ? Optional.of(ext) : mapped(type);
            }
            return mapped(type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Formats whose first bytes cannot be anything else, answered without Tika: on the hot path
     * (a PDF or an image) this skips the most expensive part of storing an upload.
     */
    private static Optional<String> unmistakable(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return unmistakable(in.readNBytes(HEAD_BYTES));
        }
    }

    /** The format of a file starting with {@code h} (its first {@link #HEAD_BYTES}), if those bytes leave no doubt. */
    public static Optional<String> unmistakable(byte[] h) {
        if (starts(h, "%PDF-")) {
            return Optional.of("pdf");
        }
        if (h.length >= 8 && (h[0] & 0xff) == 0x89 && starts(h, "\u0089PNG\r\n\u001a\n")) {
            return Optional.of("png");
        }
        if (h.length >= 3 && (h[0] & 0xff) == 0xff && (h[1] & 0xff) == 0xd8 && (h[2] & 0xff) == 0xff) {
            return Optional.of("jpg");
        }
        if (starts(h, "GIF87a") || starts(h, "GIF89a")) {
            return Optional.of("gif");
        }
        if (starts(h, "RIFF") && h.length >= 12 && new String(h, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP")) {
            return Optional.of("webp");
        }
        if (starts(h, "II*\u0000") || starts(h, "MM\u0000*")) {
            return Optional.of("tiff");
        }
        return Optional.empty();
    }

    private static boolean starts(byte[] head, String magic) {
        if (head.length < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if ((head[i] & 0xff) != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The lower-case extension of {@code fileName} with aliases folded ({@code jpeg}→{@code jpg}), or "". */
    public static String extensionOf(String fileName) {
        if (fileName == null) {
            return "";
        }
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return "";
        }
        String ext = name.substring(dot + 1).trim().toLowerCase(Locale.ROOT);
        return EXTENSION_ALIASES.getOrDefault(ext, ext);
    }

    private MediaType sniff(Path file, String clientFileName) throws IOException {
        Metadata metadata = new Metadata();
        if (clientFileName != null && !clientFileName.isBlank()) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, clientFileName);
        }
        try (TikaInputStream in = TikaInputStream.get(file)) {
            return detector.detect(in, metadata);
        }
    }

    private boolean isText(MediaType type) {
        return registry.isInstanceOf(type, MediaType.TEXT_PLAIN);
    }

    /** The format of {@code type} or of its nearest supertype Kiln knows. */
    private Optional<String> mapped(MediaType type) {
        for (MediaType t = type; t != null; t = registry.getSupertype(t)) {
            String format = BY_MIME.get(t.getBaseType().toString());
            if (format != null) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** Which OOXML document a ZIP holds, by its main part; empty when unreadable or none. */
    private static Optional<String> ooxmlKind(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("word/document.xml") != null) {
                return Optional.of("docx");
            }
            if (zip.getEntry("xl/workbook.xml") != null) {
                return Optional.of("xlsx");
            }
            if (zip.getEntry("ppt/presentation.xml") != null) {
                return Optional.of("pptx");
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean hasPdfHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(PDF_HEADER_WINDOW), StandardCharsets.ISO_8859_1);
            return head.contains("%PDF-");
        }
    }
}
