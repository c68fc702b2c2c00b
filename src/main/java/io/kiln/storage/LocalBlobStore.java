package io.kiln.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Blobs as files under one directory; keys are relative paths made by the server (never by clients). */
public final class LocalBlobStore implements BlobStore {

    private final Path root;

    public LocalBlobStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath().normalize();
        removeUnfinishedWrites();
    }

    /** Partial uploads of a process that died mid-write; only this process uses a local store. */
    private void removeUnfinishedWrites() throws IOException {
        try (var files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".part")).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public Written put(String key, InputStream in, long maxBytes) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        return HashedCopy.spooled(in, Files.createTempFile(target.getParent(), ".upload", ".part"), maxBytes,
                done -> Files.move(done, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE));
    }

    @Override
    public Written putFile(String key, Path source) throws IOException {
        Written w = HashedCopy.ofFile(source);
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        return w;
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public Path localCopy(String key, Path scratch) {
        return path(key);
    }

    @Override
    public <T> T withLocalFile(String key, Path scratch, java.util.function.Function<Path, T> use) {
        return use.apply(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    private Path path(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("blob key escapes the store: " + key);
        }
        return p;
    }
}
