package io.kiln.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import io.kiln.error.StorageUnreachable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Blobs as objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, s3proxy …), so that every node of
 * a cluster reads what any node wrote. An upload of unknown length is spooled to a scratch file first,
 * counted and hashed on the way, so nothing is held in memory and the size limit holds before a byte
 * is sent; a file is sent as it is. Engines that need a file get a copy in their scratch directory.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

    private final S3Client s3;
    private final S3Location location;
    private final Path spool;

    private S3BlobStore(S3Client s3, S3Location location, Path spool) {
        this.s3 = s3;
        this.location = location;
        this.spool = spool;
    }

    /**
     * A store on {@code location}, spooling uploads under {@code spool}. Without keys in the location
     * the SDK's usual chain applies (environment, profile, instance role).
     */
    public static S3BlobStore open(S3Location location, Path spool) throws IOException {
        S3ClientBuilder builder = S3Client.builder().region(Region.of(location.region()))
                // MinIO, s3proxy and most self-hosted servers answer on paths, not bucket host names
                .forcePathStyle(location.endpoint().isPresent());
        location.endpoint().ifPresent(builder::endpointOverride);
        builder.credentialsProvider(location.accessKey().isEmpty() ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(location.accessKey(), location.secretKey())));
        return new S3BlobStore(builder.build(), location, Files.createDirectories(spool));
    }

    @Override
    public Written put(String key, InputStream in, long maxBytes) throws IOException {
        return HashedCopy.spooled(in, Files.createTempFile(spool, "s3-upload", ".part"), maxBytes, done -> send(key, done));
    }

    /** Sends {@code source} and then removes it, as a local store moves it. */
    @Override
    public Written putFile(String key, Path source) throws IOException {
        Written w = HashedCopy.ofFile(source);
        send(key, source);
        Files.deleteIfExists(source);
        return w;
    }

    private void send(String key, Path file) throws IOException {
        try {
            s3.putObject(b -> b.bucket(location.bucket()).key(location.objectKey(key)), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failure("S3 did not store " + key, e);
        }
    }

    /** Read in ranges (see {@link S3RangedInput}): what a client downloads may be read for minutes. */
    @Override
    public InputStream open(String key) throws IOException {
        return new S3RangedInput(s3, location.bucket(), location.objectKey(key));
    }

    /** One streaming GET, for copies made at disk speed. */
    private InputStream stream(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(location.bucket()).key(location.objectKey(key)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (SdkException e) {
            throw failure("S3 did not answer for " + key, e);
        }
    }

    @Override
    public Path localCopy(String key, Path scratch) throws IOException {
        Path copy = Files.createTempFile(Files.createDirectories(scratch), "blob", ".copy");
        try (InputStream in = stream(key)) {
            try {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // the connection broke mid-object (a full local disk is recognised from its cause first)
                throw new StorageUnreachable("S3 stopped sending " + key + ": " + e.getMessage(), e);
            }
            return copy;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    @Override
    public <T> T withLocalFile(String key, Path scratch, Function<Path, T> use) throws IOException {
        return BlobStore.onTemporaryCopy(localCopy(key, scratch), use);
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(location.bucket()).key(location.objectKey(key)));
        } catch (SdkException e) {
            throw failure("S3 did not delete " + key, e);
        }
    }

    /** Whether the bucket answers (for readiness). */
    public boolean isReachable() {
        return unreachableBecause().isEmpty();
    }

    /** Why the bucket does not answer, or empty when it does. */
    public Optional<String> unreachableBecause() {
        try {
            s3.headBucket(b -> b.bucket(location.bucket()));
            return Optional.empty();
        } catch (NoSuchBucketException e) {
            return Optional.of("there is no bucket " + location.bucket());
        } catch (SdkException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * An outage when the server could not be reached or answered 5xx ({@link StorageUnreachable}, a
     * 503 and a job put back), else a plain failure: a refused key or a missing bucket is no outage.
     */
    /** An outage (no answer, or a 5xx) is a 503 for the client; any other refusal is a plain I/O failure. */
    static IOException failure(String what, SdkException e) {
        boolean outage = e instanceof SdkClientException
                || e instanceof SdkServiceException service && service.statusCode() >= 500;
        return outage ? new StorageUnreachable(what + ": " + e.getMessage(), e) : new IOException(what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        s3.close();
    }
}
