package io.kiln.storage;

import io.kiln.db.Sql;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Keeps blobs up to {@code maxInline} bytes as rows of the database and hands larger ones to
 * another store. Most uploads and outputs of small jobs (a one-page PDF, its info or text) are a
 * few kilobytes; as rows they cost no file creation, which dominates such a job on a disk.
 */
public final class SmallBlobsInDatabase implements BlobStore {

    private final Sql sql;
    private final BlobStore large;
    private final int maxInline;
    private final AtomicLong copies = new AtomicLong();

    public SmallBlobsInDatabase(DataSource dataSource, BlobStore large, int maxInline) {
        this.sql = new Sql(dataSource);
        this.large = large;
        this.maxInline = maxInline;
    }

    @Override
    public Written put(String key, InputStream in, long maxBytes) throws IOException {
        byte[] head = in.readNBytes(maxInline + 1);
        if (head.length > maxInline) {
            return large.put(key, new SequenceInputStream(new ByteArrayInputStream(head), in), maxBytes);
        }
        if (head.length > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
        return insert(key, head);
    }

    @Override
    public Written putFile(String key, Path source) throws IOException {
        if (Files.size(source) > maxInline) {
            return large.putFile(key, source);
        }
        Written w = insert(key, Files.readAllBytes(source));
        Files.delete(source);
        return w;
    }

    private Written insert(String key, byte[] content) {
        sql.update("INSERT INTO small_blobs (blob_key, content) VALUES (?, ?)", key, content);
        return new Written(content.length, HexFormat.of().formatHex(Sha256.newDigest().digest(content)));
    }

    @Override
    public InputStream open(String key) throws IOException {
        Optional<byte[]> small = find(key);
        return small.isPresent() ? new ByteArrayInputStream(small.get()) : large.open(key);
    }

    @Override
    public Path localCopy(String key, Path scratch) throws IOException {
        Optional<byte[]> small = find(key);
        return small.isPresent() ? write(small.get(), scratch) : large.localCopy(key, scratch);
    }

    @Override
    public <T> T withLocalFile(String key, Path scratch, Function<Path, T> use) throws IOException {
        Optional<byte[]> small = find(key);
        if (small.isEmpty()) {
            return large.withLocalFile(key, scratch, use);
        }
        return BlobStore.onTemporaryCopy(write(small.get(), scratch), use);
    }

    @Override
    public void delete(String key) throws IOException {
        if (sql.update("DELETE FROM small_blobs WHERE blob_key = ?", key) == 0) {
            large.delete(key);
        }
    }

    private Optional<byte[]> find(String key) {
        return sql.one("SELECT content FROM small_blobs WHERE blob_key = ?", rs -> rs.getBytes(1), key);
    }

    /**
     * A new file in {@code scratch} holding {@code content}. Named by a counter, not
     * {@code createTempFile} (a secure random name per file), and without {@code createDirectories}
     * (an exception with a stack trace when the directory exists): both showed in profiles of
     * small jobs.
     */
    private Path write(byte[] content, Path scratch) throws IOException {
        if (!Files.isDirectory(scratch)) {
            Files.createDirectories(scratch);
        }
        while (true) {
            Path copy = scratch.resolve("blob-" + copies.incrementAndGet() + ".bin");
            try {
                Files.write(copy, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return copy;
            } catch (FileAlreadyExistsException left) {
                // a copy left by an earlier run of the server: take the next number
            }
        }
    }
}
