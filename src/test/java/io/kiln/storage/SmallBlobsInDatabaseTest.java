package io.kiln.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.db.Database;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small blobs become rows, large ones files; either way they read back whole and are deleted whole. */
class SmallBlobsInDatabaseTest {

    private static final int MAX_INLINE = 1024;

    @TempDir
    Path dir;
    private Database db;
    private SmallBlobsInDatabase store;

    @BeforeEach
    void open() throws IOException {
        db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", 2);
        store = new SmallBlobsInDatabase(db.dataSource(), new LocalBlobStore(dir.resolve("blobs")), MAX_INLINE);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aSmallBlobIsARowAndALargeOneAFileAndBothReadBackWhole() throws Exception {
        byte[] small = bytes(MAX_INLINE);
        byte[] large = bytes(MAX_INLINE + 1);
        assertThat(store.put("a/small", new ByteArrayInputStream(small), 1 << 20))
                .isEqualTo(new BlobStore.Written(small.length, sha256(small)));
        assertThat(store.put("a/large", new ByteArrayInputStream(large), 1 << 20))
                .isEqualTo(new BlobStore.Written(large.length, sha256(large)));
        assertThat(filesOnDisk()).containsExactly("large");

        for (var c : new Object[][] {{"a/small", small}, {"a/large", large}}) {
            String key = (String) c[0];
            try (InputStream in = store.open(key)) {
                assertThat(in.readAllBytes()).isEqualTo(c[1]);
            }
            assertThat(Files.readAllBytes(store.localCopy(key, dir.resolve("scratch")))).isEqualTo(c[1]);
            byte[] seen = store.withLocalFile(key, dir.resolve("scratch2"), p -> {
                try {
                    return Files.readAllBytes(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(seen).isEqualTo(c[1]);
        }
        assertThat(dir.resolve("scratch2")).isEmptyDirectory();

        store.delete("a/small");
        store.delete("a/large");
        assertThat(filesOnDisk()).isEmpty();
        assertThatThrownBy(() -> store.open("a/small")).isInstanceOf(IOException.class);
    }

    @Test
    void aProducedFileIsMovedInEitherWayAndTheLimitHolds() throws Exception {
        Path out = Files.write(dir.resolve("out.json"), bytes(10));
        assertThat(store.putFile("b/out", out).size()).isEqualTo(10);
        assertThat(out).doesNotExist();
        try (InputStream in = store.open("b/out")) {
            assertThat(in.readAllBytes()).hasSize(10);
        }
        assertThatThrownBy(() -> store.put("b/big", new ByteArrayInputStream(bytes(100)), 99))
                .isInstanceOf(BlobStore.TooLargeException.class);
        assertThatThrownBy(() -> store.put("b/huge", new ByteArrayInputStream(bytes(5000)), 4999))
                .isInstanceOf(BlobStore.TooLargeException.class);
    }

    private Stream<String> filesOnDiskStream() throws IOException {
        return Files.walk(dir.resolve("blobs")).filter(Files::isRegularFile).map(p -> p.getFileName().toString());
    }

    private java.util.List<String> filesOnDisk() throws IOException {
        try (Stream<String> s = filesOnDiskStream()) {
            return s.toList();
        }
    }

    private static byte[] bytes(int n) {
        return BlobStoreContract.bytes(n);
    }

    private static String sha256(byte[] b) throws Exception {
        return BlobStoreContract.sha256(b);
    }
}
