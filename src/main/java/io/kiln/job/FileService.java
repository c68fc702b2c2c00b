package io.kiln.job;

import io.kiln.engine.FormatDetector;
import io.kiln.error.ErrorCode;
import io.kiln.error.Outages;
import io.kiln.error.RequestRejected;
import io.kiln.storage.BlobStore;
import io.kiln.storage.FileCatalog;
import io.kiln.storage.StoredFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Stores uploads and outputs (bytes in the blob store, a record in the catalog) and reads them back. */
public final class FileService {

    private final BlobStore blobs;
    private final FileCatalog catalog;
    private final FormatSniffer sniffer;
    private final Clock clock;
    private final Duration ttl;
    private final long maxUploadBytes;
    private final Path scratch;
    private final Durability durability;

    /**
     * @param scratch where a blob kept elsewhere is copied to be looked at
     * @param durability makes a stored file survive a crash before its id is given out
     */
    public FileService(BlobStore blobs, FileCatalog catalog, FormatSniffer sniffer, Clock clock, Duration ttl,
                       long maxUploadBytes, Path scratch, Durability durability) {
        this.scratch = scratch;
        this.durability = durability;
        this.blobs = blobs;
        this.catalog = catalog;
        this.sniffer = sniffer;
        this.clock = clock;
        this.ttl = ttl;
        this.maxUploadBytes = maxUploadBytes;
    }

    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    /**
     * Stores an upload that is answered by itself (its file id goes back to the client, to be used
     * later): as {@link #storeUpload}, and on disk before this returns.
     */
    public StoredFile storeFile(String tenant, String clientName, InputStream in) {
        StoredFile f = storeUpload(tenant, clientName, in);
        durability.await();
        return f;
    }

    /**
     * Streams an upload into storage and records it, with the format its content shows (falling
     * back to the name's extension when the content is of no known format). For a job's inputs, made
     * safe by the job's submission; an upload answered on its own is {@link #storeFile}.
     */
    public StoredFile storeUpload(String tenant, String clientName, InputStream in) {
        String id = OrderedIds.next();
        String name = FileNames.safe(clientName, "file");
        String key = blobKey(tenant, id);
        try {
            // a PDF or an image is told by its first bytes; only other formats need the whole file
            BufferedInputStream buffered = new BufferedInputStream(in, 16 * 1024);
            buffered.mark(FormatDetector.HEAD_BYTES);
            byte[] head = buffered.readNBytes(FormatDetector.HEAD_BYTES);
            buffered.reset();
            BlobStore.Written w = blobs.put(key, buffered, maxUploadBytes);
            try {
                Optional<String> known = FormatDetector.unmistakable(head);
                String ext = (known.isPresent() ? known
                        : blobs.withLocalFile(key, scratch, local -> sniffer.detect(local, name)))
                        .orElse(FileNames.extension(name));
                Instant now = clock.instant();
                StoredFile f = new StoredFile(id, tenant, name, ext, w.size(), w.sha256(), key, null, null, now,
                        now.plus(ttl));
                catalog.insert(f);
                return f;
            } catch (IOException | RuntimeException e) {
                deleteQuietly(key, e); // nothing half-stored: bytes without a record are nobody's
                throw e;
            }
        } catch (BlobStore.TooLargeException e) {
            throw new RequestRejected(ErrorCode.PAYLOAD_TOO_LARGE,
                    "the upload is larger than the limit of " + maxUploadBytes + " bytes");
        } catch (IOException e) {
            throw Outages.of(e).<RuntimeException>map(o -> o)
                    .orElseGet(() -> new UncheckedIOException("could not store upload", e));
        }
    }

    private void deleteQuietly(String key, Exception cause) {
        try {
            blobs.delete(key);
        } catch (IOException | RuntimeException alsoFailed) {
            cause.addSuppressed(alsoFailed);
        }
    }

    /**
     * Moves a produced file into storage as an output of {@code jobId}; not yet recorded: the
     * caller {@link #record records} it together with the job's end, or {@link #delete deletes} it.
     */
    public StoredFile putOutput(String tenant, String jobId, Path file, String name, String ext, Integer pages)
            throws IOException {
        String id = OrderedIds.next();
        String key = blobKey(tenant, id);
        BlobStore.Written w = blobs.putFile(key, file);
        Instant now = clock.instant();
        return new StoredFile(id, tenant, FileNames.safe(name, "output." + ext), ext, w.size(), w.sha256(),
                key, pages, jobId, now, now.plus(ttl));
    }

    /** Records a file put by {@link #putOutput}, expiring at {@code expiresAt}. */
    public void record(StoredFile f, Instant expiresAt) {
        catalog.insert(new StoredFile(f.id(), f.tenant(), f.name(), f.ext(), f.size(), f.sha256(), f.blobKey(),
                f.pageCount(), f.jobId(), f.createdAt(), expiresAt));
    }

    public Optional<StoredFile> find(String tenant, String id) {
        return catalog.find(tenant, id);
    }

    public Optional<StoredFile> findAnyTenant(String id) {
        return catalog.findAnyTenant(id);
    }

    public InputStream open(StoredFile f) throws IOException {
        return blobs.open(f.blobKey());
    }

    public Path localCopy(StoredFile f, Path scratch) throws IOException {
        return blobs.localCopy(f.blobKey(), scratch);
    }

    public java.util.List<StoredFile> byJob(String tenant, String jobId) {
        return catalog.byJob(tenant, jobId);
    }

    /** Makes an upload part of a job: deleted with it, kept at least until {@code until}. */
    public void attach(String fileId, String jobId, Instant until) {
        catalog.attach(fileId, jobId, until);
    }

    /** Every file of the job (its uploads and outputs) expires with it. */
    public void expireWithJob(String tenant, String jobId, Instant expiresAt) {
        catalog.expireWithJob(tenant, jobId, expiresAt);
    }

    public void keepUntil(String fileId, Instant expiresAt) {
        catalog.extendExpiry(fileId, expiresAt);
    }

    /** Deletes a file a client asked to delete: gone for good before this returns. */
    public void deleteNow(StoredFile f) {
        delete(f);
        durability.await();
    }

    public void delete(StoredFile f) {
        try {
            blobs.delete(f.blobKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            catalog.delete(f.id());
        }
    }

    private static String blobKey(String tenant, String id) {
        // tenant names are not trusted as path segments: hash them into a directory name
        return Integer.toHexString(tenant.toLowerCase(Locale.ROOT).hashCode() & 0xff) + "/" + id;
    }
}
