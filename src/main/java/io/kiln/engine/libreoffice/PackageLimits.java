package io.kiln.engine.libreoffice;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Refuses office packages (OOXML and ODF are zip files) that would expand past what a conversion may
 * hold, before LibreOffice inflates them: a 1 MB docx holding 1 GiB of text took a LibreOffice process
 * to 8 GB. Counted by inflating each entry (a zip's declared sizes can lie), stopping at the limit,
 * so a bomb costs at most the limit's worth of inflating; and by entry count, which a bomb of many
 * tiny parts uses instead; and XML parts whose entities would expand past a bound, or reach outside
 * ({@link XmlEntities}). Files that are not zip packages (doc, rtf, txt…) pass untouched.
 */
final class PackageLimits {

    /** The most a package may expand to, all entries together. */
    static final long MAX_INFLATED = 512L << 20;
    /** More parts than any real document has (an 800-slide deck has a few thousand). */
    static final int MAX_ENTRIES = 20_000;
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private final long maxInflated;
    private final int maxEntries;

    PackageLimits(long maxInflated, int maxEntries) {
        this.maxInflated = maxInflated;
        this.maxEntries = maxEntries;
    }

    static PackageLimits defaults() {
        return new PackageLimits(MAX_INFLATED, MAX_ENTRIES);
    }

    /** @throws ConversionFailed {@code document_too_large} for a package over the limits */
    void check(Path input) throws InterruptedException {
        if (!isZip(input)) {
            return;
        }
        long inflated = 0;
        int entries = 0;
        byte[] buf = new byte[64 * 1024];
        try (ZipFile zip = new ZipFile(input.toFile())) {
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry e = all.nextElement();
                if (++entries > maxEntries) {
                    throw tooLarge("has more than " + maxEntries + " parts");
                }
                boolean parse;
                try (InputStream in = zip.getInputStream(e)) {
                    byte[] start = in.readNBytes(XmlEntities.PREFIX);
                    inflated += start.length;
                    parse = XmlEntities.mayDeclareEntities(start);
                    if (inflated > maxInflated) {
                        throw tooLarge("expands to more than " + (maxInflated >> 20) + " MiB");
                    }
                    for (int n; (n = in.read(buf)) > 0; ) {
                        inflated += n;
                        if (inflated > maxInflated) {
                            throw tooLarge("expands to more than " + (maxInflated >> 20) + " MiB");
                        }
                    }
                }
                if (parse) {
                    try (InputStream in = zip.getInputStream(e)) {
                        XmlEntities.check(e.getName(), in);
                    }
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("conversion cancelled");
                }
            }
        } catch (ZipException damaged) {
            // not readable as a zip: LibreOffice decides what it is (and says so if it is damaged)
        } catch (IOException e) {
            // likewise: a package this reader cannot open is LibreOffice's to judge
        }
    }

    private static ConversionFailed tooLarge(String why) {
        return new ConversionFailed(ErrorCode.DOCUMENT_TOO_LARGE, "The document " + why
                + " when unpacked, more than a conversion may use (a compression bomb?).");
    }

    private static boolean isZip(Path input) {
        try (InputStream in = Files.newInputStream(input)) {
            return java.util.Arrays.equals(in.readNBytes(ZIP_MAGIC.length), ZIP_MAGIC);
        } catch (IOException e) {
            return false;
        }
    }
}
