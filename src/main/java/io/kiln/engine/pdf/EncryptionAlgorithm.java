package io.kiln.engine.pdf;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The ciphers {@code protect} writes. Only AES: RC4, which PDF.co still offers, is broken and PDF 2.0
 * deprecates it, so a request for it is refused rather than quietly honoured.
 */
enum EncryptionAlgorithm {
    AES_256(256), AES_128(128);

    static final EncryptionAlgorithm DEFAULT = AES_256;
    static final List<String> NAMES = Arrays.stream(values()).map(EncryptionAlgorithm::wire).toList();

    final int keyBits;

    EncryptionAlgorithm(int keyBits) {
        this.keyBits = keyBits;
    }

    /** {@code aes-256}, {@code aes-128}. */
    String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static EncryptionAlgorithm of(String wire) {
        return valueOf(wire.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
