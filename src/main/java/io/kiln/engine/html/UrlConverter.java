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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code url} engine: a web page printed to PDF ({@code url → pdf}). Its own engine, not part of
 * {@link HtmlConverter}, because it depends on what the renderer can do: with Chromium it is ready;
 * with only the pure-Java renderer it is listed as unavailable, so a request answers 501
 * {@code engine_unavailable} with the reason while HTML and Markdown still print.
 */
public final class UrlConverter implements Converter {

    private static final List<Capability> CAPABILITIES = List.of(
            new Capability(Set.of(ConversionTask.URL), "pdf", "pdf", HtmlOptions.url(), Inputs.ONE));
    private static final int MAX_URL_LENGTH = 8192;

    private final HtmlRenderer renderer;

    public UrlConverter(HtmlRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public String engine() {
        return "url";
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
        return renderer.rendersUrls() ? renderer.availability()
                : Availability.unavailable("printing web pages needs Chromium; the " + renderer.name()
                        + " renderer prints uploaded HTML and Markdown only");
    }

    @Override
    public Map<String, String> about() {
        return Map.of("renderer", renderer.name());
    }

    @Override
    public List<ProducedFile> convert(ConversionTask task) throws InterruptedException {
        if (!ConversionTask.URL.equals(task.from()) || !task.to().equals("pdf")) {
            throw new ConversionFailed(ErrorCode.UNSUPPORTED_CONVERSION,
                    "the url engine cannot convert " + task.from() + " to " + task.to());
        }
        if (!renderer.rendersUrls()) {
            throw new ConversionFailed(ErrorCode.ENGINE_UNAVAILABLE, availability().detail());
        }
        RenderRequest request = RenderRequest.url(url(task), PrintOptionsReader.read(task.options()), task.timeout())
                .ownedBy(task.owner());
        return List.of(PrintedPdf.print(renderer, request, task));
    }

    private static URI url(ConversionTask task) {
        String text;
        try {
            text = Files.readString(task.input(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConversionFailed(ErrorCode.BAD_REQUEST, "the url input could not be read", e);
        }
        try {
            URI url = URI.create(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (text.length() <= MAX_URL_LENGTH && (scheme.equals("http") || scheme.equals("https"))
                    && url.getHost() != null) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new ConversionFailed(ErrorCode.URL_FORBIDDEN, "only http and https URLs can be printed");
    }
}
