package io.kiln.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link BlobStore} must do; an implementation's test extends this with a fresh store. */
abstract class BlobStoreContract {

    @TempDir
    Path scratch;

    BlobStore store;

    protected abstract BlobStore freshStore(Path scratch) throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        store = freshStore(scratch);
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void aStreamIsStoredReadBackAndDeleted() throws Exception {
        byte[] content = bytes(3 * 1024 * 1024 + 17);
        BlobStore.Written w = store.put("ab/one", new ByteArrayInputStream(content), content.length);
        assertThat(w.size()).isEqualTo(content.length);
        assertThat(w.sha256()).isEqualTo(sha256(content));
        try (InputStream in = store.open("ab/one")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        store.delete("ab/one");
        assertThatThrownBy(() -> store.open("ab/one").close()).isInstanceOf(NoSuchFileException.class);
        store.delete("ab/one"); // deleting twice is fine
    }

    @Test
    void tooManyBytesAreRefusedAndNothingIsKept() throws Exception {
        byte[] content = bytes(100_001);
        assertThatThrownBy(() -> store.put("big", new ByteArrayInputStream(content), 100_000))
                .isInstanceOf(BlobStore.TooLargeException.class);
        assertThatThrownBy(() -> store.open("big").close()).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aFileIsTakenOverAndEnginesGetALocalFileWithItsContent() throws Exception {
        byte[] content = bytes(70_000);
        Path source = Files.write(scratch.resolve("made-by-an-engine.pdf"), content);
        BlobStore.Written w = store.putFile("cd/two", source);
        assertThat(w.sha256()).isEqualTo(sha256(content));
        assertThat(source).doesNotExist();
        Path copy = store.localCopy("cd/two", scratch.resolve("work"));
        assertThat(Files.readAllBytes(copy)).isEqualTo(content);
        byte[] seen = store.withLocalFile("cd/two", scratch.resolve("work"), p -> {
            try {
                return Files.readAllBytes(p);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(seen).isEqualTo(content);
    }
}
