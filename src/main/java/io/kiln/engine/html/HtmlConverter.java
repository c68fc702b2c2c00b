package io.kiln.engine.html;

import io.kiln.engine.Availability;
import io.kiln.engine.Capability;
import io.kiln.engine.Capability.Inputs;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.Converter;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code html} engine: an HTML page (with its images, stylesheets and fonts as further inputs)
 * or a Markdown file printed to PDF by one {@link HtmlRenderer}, and Markdown made into a
 * standalone HTML page. Web pages ({@code url → pdf}) are the {@link UrlConverter}'s.
 */
public final class HtmlConverter implements Converter {

    private static final List<Capability> CAPABILITIES = List.of(
            new Capability(Set.of("html", "htm"), "pdf", "pdf", HtmlOptions.print(), Inputs.ASSETS),
            new Capability(Set.of("md"), "pdf", "pdf", HtmlOptions.print(), Inputs.ASSETS),
            new Capability(Set.of("md"), "html", "html", List.of(), Inputs.ONE));

    private final HtmlRenderer renderer;
    private final MarkdownPage markdown = new MarkdownPage();

    public HtmlConverter(HtmlRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public String engine() {
        return "html";
    }

    @Override
    public boolean runsInServerProcess() {
        return renderer.runsInServerProcess();
    }

    @Override
    public List<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Availability availability() {
        return renderer.availability();
    }

    @Override
    public Map<String, String> about() {
        return Map.of("renderer", renderer.name());
    }

    @Override
    public List<ProducedFile> convert(ConversionTask task) throws InterruptedException {
        if (CAPABILITIES.stream().noneMatch(c -> c.accepts(task.from(), task.to()))) {
            throw new ConversionFailed(ErrorCode.UNSUPPORTED_CONVERSION,
                    "the html engine cannot convert " + task.from() + " to " + task.to());
        }
        try {
            byte[] source = Files.readAllBytes(task.input());
            String text = new String(source, DocumentCharset.of(source));
            if (task.from().equals("md")) {
                text = markdown.render(text, task.baseName());
                if (task.to().equals("html")) {
                    Path html = Files.writeString(task.workDir().resolve(task.baseName() + ".html"), text);
                    return List.of(new ProducedFile(html, html.getFileName().toString(), "html", null));
                }
            }
            // the page is handed on as UTF-8 with a byte-order mark, which every renderer obeys above a
            // <meta charset> that may lie: the charset is decided once, here, for both renderers
            Path page = task.workDir().resolve(".page-" + UUID.randomUUID() + ".html");
            try (var out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
                out.write('\uFEFF');
                out.write(text, text.startsWith("\uFEFF") ? 1 : 0, text.length() - (text.startsWith("\uFEFF") ? 1 : 0));
            }
            try {
                return List.of(PrintedPdf.print(renderer, request(page, task), task));
            } finally {
                Files.deleteIfExists(page);
            }
        } catch (IOException e) {
            throw new ConversionFailed(ErrorCode.ENGINE_FAILED, "the page could not be read or written", e);
        }
    }

    private static RenderRequest request(Path document, ConversionTask task) {
        return RenderRequest.document(document, assets(task), PrintOptionsReader.read(task.options()), task.timeout())
                .ownedBy(task.owner());
    }

    /** Every input after the first, by the name the client gave it. */
    static Map<String, Path> assets(ConversionTask task) {
        Map<String, Path> assets = new LinkedHashMap<>();
        for (int i = 1; i < task.inputs().size(); i++) {
            assets.putIfAbsent(task.inputNames().get(i), task.inputs().get(i));
        }
        return assets;
    }
}
