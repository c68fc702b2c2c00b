package io.kiln.engine.html;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Reads an HTML file as a browser would: any byte soup becomes a document (HTML5 parsing rules),
 * decoded with the {@link DocumentCharset character set its bytes show}.
 */
final class HtmlSource {

    private HtmlSource() {
    }

    static Document read(Path file, String baseUri) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Charset charset = DocumentCharset.of(bytes);
        String text = new String(bytes, charset);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return Jsoup.parse(text, baseUri);
    }
}
