package io.kiln.engine.libreoffice;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * Recognises encrypted Microsoft Office files that LibreOffice fails to open without asking for a
 * password (it reports them as damaged): an OLE2 container holding an {@code EncryptedPackage}
 * stream (encrypted OOXML, whatever its extension says) or an {@code EncryptedSummary} stream (an
 * encrypted PowerPoint 97-2003 deck). Used only after LibreOffice has failed, to name the failure.
 */
final class EncryptedContainer {

    private static final byte[] OLE2_MAGIC = HexFormat.of().parseHex("d0cf11e0a1b11ae1");
    private static final List<byte[]> STREAM_NAMES = List.of(
            "EncryptedPackage".getBytes(StandardCharsets.UTF_16LE),
            "EncryptedSummary".getBytes(StandardCharsets.UTF_16LE));
    /** Larger files are not searched; an encrypted office file this big is rare and the cost is not. */
    private static final long MAX_SEARCHED = 64L << 20;

    private EncryptedContainer() {
    }

    static boolean matches(Path file) {
        try {
            if (Files.size(file) > MAX_SEARCHED || !startsWithMagic(file)) {
                return false;
            }
            byte[] content = Files.readAllBytes(file);
            return STREAM_NAMES.stream().anyMatch(name -> indexOf(content, name) >= 0);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean startsWithMagic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(OLE2_MAGIC.length), OLE2_MAGIC);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
