package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * {@code pdf → compress}: a smaller file that reads and looks the same. Images drawn finer than the
 * level needs are downsampled and recoded ({@link ImageRecompression}); soft masks that hide nothing are dropped; identical images and font
 * programs are stored once; streams stored without compression are deflated; page thumbnails and
 * applications' private data ({@code /Thumb}, {@code /PieceInfo}) go; the file is written with
 * object streams. Text and fonts are not touched, so text stays extractable. The answer is never
 * bigger than the input: when nothing was gained, the input is answered as it came.
 */
final class Compression implements PdfOperation {

    /** Streams this small are not worth a deflate header. */
    private static final int MIN_DEFLATE = 64;
    /** Bare streams are deflated in memory; one larger than this is left as it is. */
    private static final long MAX_DEFLATE = 32L << 20;

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        CompressionLevel level = level(task);
        OutputFiles files = new OutputFiles(task);
        ProducedFile out;
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            recodeImages(doc, level, task);
            storeOnce(doc);
            for (PDPage page : doc.getPages()) {
                page.getCOSObject().removeItem(COSName.THUMB);
                page.getCOSObject().removeItem(COSName.PIECE_INFO);
            }
            doc.getDocumentCatalog().getCOSObject().removeItem(COSName.PIECE_INFO);
            deflateBareStreams(doc);
            out = files.savePdf(doc, files.name(null, "pdf"));
        }
        if (Files.size(out.path()) >= Files.size(task.input())) {
            Files.copy(task.input(), out.path(), StandardCopyOption.REPLACE_EXISTING);
        }
        return List.of(out);
    }

    private static CompressionLevel level(ConversionTask task) {
        String wire = task.options().string("level").orElse(CompressionLevel.DEFAULT.wire());
        if (!CompressionLevel.NAMES.contains(wire)) {
            throw new ConversionFailed(ErrorCode.INVALID_OPTION, "level must be one of "
                    + String.join(", ", CompressionLevel.NAMES) + ", not '" + wire + "'");
        }
        return CompressionLevel.of(wire);
    }

    private static void recodeImages(PDDocument doc, CompressionLevel level, ConversionTask task)
            throws IOException, InterruptedException {
        if (level == CompressionLevel.LOSSLESS) {
            return; // every pixel kept: dpi and quality do not apply
        }
        int dpi = task.options().integer("dpi", level.dpi);
        float quality = (float) task.options().decimal("quality", level.quality * 100) / 100f;
        ImageUse use = new ImageUse();
        for (PDPage page : doc.getPages()) {
            Cancellation.check();
            use.scan(page);
        }
        ImageRecompression recoding = new ImageRecompression(doc, dpi, quality);
        for (ImageUse.Use u : use.uses().values()) {
            Cancellation.check();
            PDImageXObject mask = u.image().getSoftMask();
            if (mask != null && ImageRecompression.isOpaque(mask)) {
                u.image().getCOSObject().removeItem(COSName.SMASK); // a PNG's alpha that hides nothing
                mask = null;
            }
            recoding.recode(u.image(), u.ppi());
            if (mask != null && u.image().getWidth() > 0) {
                recoding.recode(mask, u.ppi() * mask.getWidth() / u.image().getWidth());
            }
        }
    }

    /**
     * Identical images and font programs, stored once: the resources' entries are pointed at the
     * first of each. Documents merged from many files often carry the same logo or font many times.
     */
    private static void storeOnce(PDDocument doc) throws IOException, InterruptedException {
        Map<String, COSBase> first = new HashMap<>();
        Set<COSDictionary> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (PDPage page : doc.getPages()) {
            Cancellation.check();
            storeOnce(page.getResources(), first, seen);
        }
    }

    private static void storeOnce(PDResources resources, Map<String, COSBase> first, Set<COSDictionary> seen)
            throws IOException {
        if (resources == null || !seen.add(resources.getCOSObject())) {
            return;
        }
        COSDictionary xobjects = resources.getCOSObject().getCOSDictionary(COSName.XOBJECT);
        if (xobjects != null) {
            for (COSName name : xobjects.keySet()) {
                COSBase ref = xobjects.getItem(name);
                if (!(xobjects.getDictionaryObject(name) instanceof COSStream stream)) {
                    continue;
                }
                if (COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
                    COSBase kept = first.putIfAbsent("image:" + digest(stream), ref);
                    if (kept != null && kept != ref) {
                        xobjects.setItem(name, kept);
                    }
                } else if (COSName.FORM.equals(stream.getCOSName(COSName.SUBTYPE))) {
                    COSDictionary inner = stream.getCOSDictionary(COSName.RESOURCES);
                    if (inner != null) {
                        storeOnce(new PDResources(inner), first, seen);
                    }
                }
            }
        }
        COSDictionary fonts = resources.getCOSObject().getCOSDictionary(COSName.FONT);
        if (fonts != null) {
            for (COSName name : fonts.keySet()) {
                if (fonts.getDictionaryObject(name) instanceof COSDictionary font) {
                    storeFontProgramOnce(font, first);
                }
            }
        }
    }

    private static void storeFontProgramOnce(COSDictionary font, Map<String, COSBase> first) throws IOException {
        COSDictionary descriptor = font.getCOSDictionary(COSName.FONT_DESC);
        if (descriptor == null && font.getDictionaryObject(COSName.DESCENDANT_FONTS) instanceof COSArray d
                && d.size() > 0 && d.getObject(0) instanceof COSDictionary descendant) {
            descriptor = descendant.getCOSDictionary(COSName.FONT_DESC);
        }
        if (descriptor == null) {
            return;
        }
        for (COSName key : List.of(COSName.FONT_FILE, COSName.FONT_FILE2, COSName.FONT_FILE3)) {
            COSBase ref = descriptor.getItem(key);
            if (descriptor.getDictionaryObject(key) instanceof COSStream program) {
                COSBase kept = first.putIfAbsent("font:" + digest(program), ref);
                if (kept != null && kept != ref) {
                    descriptor.setItem(key, kept);
                }
            }
        }
    }

    /** The stream's dictionary and its stored bytes: equal digests, the same object to a reader. */
    private static String digest(COSStream stream) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<COSName, COSBase> e : stream.entrySet()) {
                if (!COSName.LENGTH.equals(e.getKey())) {
                    COSBase value = e.getValue() instanceof COSObject o ? o.getObject() : e.getValue();
                    sha.update((e.getKey().getName() + "=" + (value instanceof COSStream ? System.identityHashCode(value)
                            : value) + ";").getBytes(StandardCharsets.UTF_8));
                }
            }
            try (InputStream in = stream.createRawInputStream()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Streams a producer stored uncompressed (content, fonts, metadata) deflated, as PDF allows any stream to be. */
    private static void deflateBareStreams(PDDocument doc) throws IOException, InterruptedException {
        for (COSObjectKey key : doc.getDocument().getXrefTable().keySet()) {
            COSObject object = doc.getDocument().getObjectFromPool(key);
            if (object.getObject() instanceof COSStream stream && stream.getFilters() == null
                    && stream.getLength() >= MIN_DEFLATE && stream.getLength() <= MAX_DEFLATE && !COSName.METADATA.equals(stream.getCOSName(COSName.TYPE))) {
                Cancellation.check();
                byte[] data;
                try (InputStream in = stream.createRawInputStream()) {
                    data = in.readAllBytes();
                }
                try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
                    out.write(data);
                }
            }
        }
    }
}
