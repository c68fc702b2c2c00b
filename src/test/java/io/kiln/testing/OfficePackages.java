package io.kiln.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes an OOXML or ODF package from its parts, for tests that build documents by hand. */
public final class OfficePackages {

    private OfficePackages() {
    }

    /** Zips {@code parts} in order; an ODF {@code mimetype} (null for OOXML) comes first and uncompressed, as ODF requires. */
    public static Path zip(Path file, String mimetype, Map<String, String> parts) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            if (mimetype != null) {
                stored(zip, "mimetype", mimetype.getBytes(StandardCharsets.US_ASCII));
            }
            for (var part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    /** Writes one entry uncompressed (ODF's {@code mimetype} must be), with the size and CRC a stored entry needs. */
    public static void stored(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }
}
