package io.kiln.engine.html;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.renderer.html.AttributeProvider;

/**
 * Gives every Markdown heading an id as GitHub does ({@code ## Hello, World!} → {@code hello-world}),
 * so links such as {@code [see](#hello-world)} work; repeats get {@code -1}, {@code -2}. One instance
 * per rendered document.
 */
final class HeadingIds implements AttributeProvider {

    private final Map<String, Integer> used = new HashMap<>();

    @Override
    public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
        if (node instanceof Heading) {
            String slug = slug(text(node));
            int n = used.merge(slug, 1, Integer::sum);
            attributes.put("id", n == 1 ? slug : slug + "-" + (n - 1));
        }
    }

    static String slug(String heading) {
        String s = Normalizer.normalize(heading, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).strip();
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                out.appendCodePoint(c);
            } else if (Character.isWhitespace(c)) {
                out.append('-');
            }
        });
        return out.isEmpty() ? "section" : out.toString();
    }

    private static String text(Node node) {
        StringBuilder out = new StringBuilder();
        for (Node n = node.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Text t) {
                out.append(t.getLiteral());
            } else if (n instanceof Code c) {
                out.append(c.getLiteral());
            } else {
                out.append(text(n));
            }
        }
        return out.toString();
    }
}
