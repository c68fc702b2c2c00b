package io.kiln.engine.libreoffice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Makes an HTML export one self-contained file. Writer embeds its images when asked; Calc writes
 * charts and pictures beside the page as {@code <name>_html_<id>.<ext>}: those are folded into the
 * page as {@code data:} URIs and removed.
 */
final class HtmlImages {

    private HtmlImages() {
    }

    static void inline(Path html) throws IOException {
        String stem = html.getFileName().toString().replaceFirst("\\.html$", "");
        List<Path> images;
        try (Stream<Path> siblings = Files.list(html.getParent())) {
            images = siblings.filter(p -> p.getFileName().toString().startsWith(stem + "_html_")).toList();
        }
        if (images.isEmpty()) {
            return;
        }
        // ISO-8859-1 maps every byte to one char and back, so the page's own encoding is kept as it is
        String page = Files.readString(html, StandardCharsets.ISO_8859_1);
        for (Path image : images) {
            String uri = "data:" + mediaType(image) + ";base64,"
                    + Base64.getEncoder().encodeToString(Files.readAllBytes(image));
            page = page.replace(image.getFileName().toString(), uri);
            Files.delete(image);
        }
        Files.writeString(html, page, StandardCharsets.ISO_8859_1);
    }

    private static String mediaType(Path image) {
        String name = image.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "jpg", "jpeg" -> "image/jpeg";
            case "gif" -> "image/gif";
            case "svg" -> "image/svg+xml";
            default -> "image/" + ext;
        };
    }
}
