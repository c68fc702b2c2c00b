package io.kiln.engine.html;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Markdown (CommonMark with GitHub tables, strikethrough and autolinks) as a standalone HTML5
 * document: UTF-8, a readable stylesheet, ids on headings, {@code dir="rtl"} when the text is mostly
 * Arabic or Hebrew. Raw HTML in the Markdown is kept; whoever renders the page applies its own rules
 * to what that HTML loads. A leading YAML front-matter block is dropped (its {@code title} is used).
 * Thread-safe.
 */
final class MarkdownPage {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(),
            StrikethroughExtension.create(), AutolinkExtension.create());
    private static final Pattern FRONT_MATTER = Pattern.compile("\\A---[ \\t]*\\R(.{0,20000}?)\\R(?:---|\\.\\.\\.)[ \\t]*(?:\\R|\\z)",
            Pattern.DOTALL);
    private static final Pattern TITLE = Pattern.compile("(?m)^title:\\s*['\"]?(.*?)['\"]?\\s*$");

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer html = HtmlRenderer.builder().extensions(EXTENSIONS)
            .attributeProviderFactory(context -> new HeadingIds()).build();
    private final TextContentRenderer text = TextContentRenderer.builder().build();

    /** The page for {@code markdown}; {@code fallbackTitle} is used when the text has no title or heading. */
    String render(String markdown, String fallbackTitle) {
        String source = markdown.startsWith("\uFEFF") ? markdown.substring(1) : markdown;
        Optional<String> declaredTitle = Optional.empty();
        Matcher front = FRONT_MATTER.matcher(source);
        if (front.lookingAt()) {
            Matcher t = TITLE.matcher(front.group(1));
            declaredTitle = t.find() ? Optional.of(t.group(1)) : Optional.empty();
            source = source.substring(front.end());
        }
        Node document = parser.parse(source);
        String title = declaredTitle.or(() -> firstHeading(document)).filter(s -> !s.isBlank()).orElse(fallbackTitle);
        String dir = TextDirection.mostlyRightToLeft(source) ? " dir=\"rtl\"" : "";
        return "<!DOCTYPE html>\n<html" + dir + ">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + MarkdownStylesheet.CSS + "</style>\n</head>\n"
                + "<body>\n<main class=\"markdown-body\">\n" + html.render(document) + "</main>\n</body>\n</html>\n";
    }

    private Optional<String> firstHeading(Node document) {
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading) {
                return Optional.of(text.render(n).strip());
            }
        }
        return Optional.empty();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
