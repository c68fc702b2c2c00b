package io.kiln.engine.image;

import io.kiln.engine.Capability;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.Converter;
import io.kiln.engine.OptionSpec;
import io.kiln.engine.PageRanges;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code image} engine: png, jpg, gif, bmp, tiff and webp into one pdf (several inputs, a page
 * each; every page of a TIFF) or into png, jpg, gif, bmp or tiff (one file per selected frame).
 * JPEG EXIF orientation is honoured. Every failure is a {@link ConversionFailed}.
 */
public final class ImageConverter implements Converter {

    /** Largest frame decoded, in pixels; bigger ones are refused before decoding. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    static final Set<String> SOURCES = Set.of("png", "jpg", "gif", "bmp", "tiff", "webp");
    static final List<String> IMAGE_TARGETS = List.of("png", "jpg", "gif", "bmp", "tiff");

    private static final List<OptionSpec> PDF_OPTIONS = List.of(
            OptionSpec.oneOf("pageSize", List.of("image", "a4", "letter"),
                    "page size: the image's own size (at its dpi, else 72), or a4/letter with the image centred"),
            OptionSpec.decimal("margin", 0, 200, "margin around the image in points (default 0)"));
    private static final OptionSpec PAGES = OptionSpec.pages("which pages of a multi-page TIFF (default all)");
    private static final OptionSpec QUALITY = OptionSpec.integer("quality", 1, 100, "JPEG quality (default 90)");

    private final long maxPixels;

    public ImageConverter() {
        this(DEFAULT_MAX_PIXELS);
    }

    public ImageConverter(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    @Override
    public String engine() {
        return "image";
    }

    @Override
    public List<Capability> capabilities() {
        List<Capability> all = new ArrayList<>();
        all.add(new Capability(SOURCES, "pdf", "pdf", PDF_OPTIONS, Capability.Inputs.MANY));
        for (String to : IMAGE_TARGETS) {
            List<OptionSpec> options = to.equals("jpg") ? List.of(PAGES, QUALITY) : List.of(PAGES);
            all.add(new Capability(SOURCES, to, to, options, Capability.Inputs.ONE));
        }
        return List.copyOf(all);
    }

    @Override
    public List<ProducedFile> convert(ConversionTask task) throws InterruptedException {
        try {
            return task.to().equals("pdf") ? toPdf(task) : toImages(task);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // reading or writing gave up because the job was cancelled: not the document's fault
                throw new InterruptedException("image conversion interrupted");
            }
            throw e instanceof ConversionFailed failed ? failed
                    : new ConversionFailed(ErrorCode.CORRUPT_DOCUMENT, "the image could not be converted", e);
        }
    }

    private List<ProducedFile> toPdf(ConversionTask task) throws InterruptedException {
        PageLayout layout = new PageLayout(
                PageLayout.PageSize.of(task.options().string("pageSize").orElse("image")),
                task.options().decimal("margin", 0));
        Path out = task.workDir().resolve(task.baseName() + ".pdf");
        int pages = new ImagesToPdf(maxPixels).write(task.inputs(), layout, task.maxPages(), out);
        return List.of(new ProducedFile(out, out.getFileName().toString(), "pdf", pages));
    }

    private List<ProducedFile> toImages(ConversionTask task) throws InterruptedException {
        if (!IMAGE_TARGETS.contains(task.to())) {
            throw new ConversionFailed(ErrorCode.UNSUPPORTED_CONVERSION, "the image engine cannot write " + task.to());
        }
        int quality = task.options().integer("quality", ImageEncoder.DEFAULT_JPEG_QUALITY);
        try (SourceImage source = SourceImage.open(task.input(), maxPixels)) {
            int frames = source.pageCount();
            if (frames > task.maxPages()) {
                throw new ConversionFailed(ErrorCode.TOO_MANY_PAGES,
                        "the image has " + frames + " pages; the limit is " + task.maxPages());
            }
            List<Integer> selected = PageRanges.select(task.options().pages(), frames);
            List<ProducedFile> produced = new ArrayList<>();
            for (int page : selected) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("image conversion interrupted");
                }
                String name = task.baseName() + (selected.size() == 1 ? "" : "-" + page) + "." + task.to();
                Path out = task.workDir().resolve(name);
                FrameInfo info = source.describe(page - 1);
                ImageEncoder.write(info.orientation().apply(source.decode(page - 1)), task.to(), quality, out);
                produced.add(new ProducedFile(out, name, task.to(), task.to().equals("tiff") ? 1 : null));
            }
            return List.copyOf(produced);
        }
    }
}
