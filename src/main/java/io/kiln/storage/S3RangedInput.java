package io.kiln.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An S3 object read in ranges, each fetched whole and its connection given back at once. A client
 * reading a download slowly then holds at most one range of memory, never one of the S3 client's
 * connections (50): with one stream per download, 80 slow readers made an ordinary download wait
 * 20 s and an upload fail 503 for want of a connection. Ranges start small (most answers are small)
 * and double up to {@link #MAX_RANGE}, so a large file costs few requests.
 */
final class S3RangedInput extends InputStream {

    static final int FIRST_RANGE = 512 * 1024;
    static final int MAX_RANGE = 8 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String objectKey;
    private String etag;
    private long size = -1;
    private long next;
    private int range = FIRST_RANGE;
    private byte[] chunk = new byte[0];
    private int at;

    S3RangedInput(S3Client s3, String bucket, String objectKey) throws IOException {
        this.s3 = s3;
        this.bucket = bucket;
        this.objectKey = objectKey;
        fill(); // the first range says the size, and a missing object fails here, as an open should
    }

    private boolean fill() throws IOException {
        if (size >= 0 && next >= size) {
            return false;
        }
        long last = next + range - 1;
        ResponseBytes<GetObjectResponse> got;
        try {
            got = s3.getObjectAsBytes(b -> {
                b.bucket(bucket).key(objectKey).range("bytes=" + next + "-" + last);
                if (etag != null) {
                    b.ifMatch(etag); // the same object throughout
                }
            });
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(objectKey);
        } catch (S3Exception e) {
            if (e.statusCode() == 416 && next == 0) { // a range of an empty object
                size = 0;
                return false;
            }
            throw S3BlobStore.failure("S3 did not answer for " + objectKey, e);
        } catch (SdkException e) {
            throw S3BlobStore.failure("S3 did not answer for " + objectKey, e);
        }
        GetObjectResponse r = got.response();
        chunk = got.asByteArrayUnsafe();
        etag = r.eTag();
        size = totalOf(r.contentRange(), chunk.length);
        at = 0;
        next += chunk.length;
        range = Math.min(MAX_RANGE, range * 2);
        return chunk.length > 0;
    }

    /** "bytes 0-524287/2598727" → 2598727; without a range (an empty object, say) the bytes are the whole. */
    private static long totalOf(String contentRange, int length) {
        if (contentRange == null || contentRange.indexOf('/') < 0) {
            return length;
        }
        String total = contentRange.substring(contentRange.indexOf('/') + 1).strip();
        return total.equals("*") ? length : Long.parseLong(total);
    }

    @Override
    public int read() throws IOException {
        if (at >= chunk.length && !fill()) {
            return -1;
        }
        return chunk[at++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (at >= chunk.length && !fill()) {
            return -1;
        }
        int n = Math.min(len, chunk.length - at);
        System.arraycopy(chunk, at, b, off, n);
        at += n;
        return n;
    }

    @Override
    public int available() {
        return chunk.length - at;
    }
}
