package io.kiln.storage;

import java.net.URI;
import java.util.Optional;

/**
 * Where a cluster's files live in S3: a bucket, a key prefix inside it, and how to reach it.
 *
 * @param bucket the bucket, which must exist
 * @param prefix prepended to every object key ({@code ""} or ending in {@code /})
 * @param endpoint a self-hosted server's address (MinIO, s3proxy …); empty for AWS itself
 * @param region the signing region ({@code us-east-1} suits most self-hosted servers)
 * @param accessKey empty to use the SDK's usual credential chain
 * @param secretKey the access key's secret
 */
public record S3Location(String bucket, String prefix, Optional<URI> endpoint, String region, String accessKey,
                         String secretKey) {

    /** Reads {@code s3://bucket} or {@code s3://bucket/some/prefix}. */
    public static S3Location parse(String url, Optional<URI> endpoint, String region, String accessKey, String secretKey) {
        if (!url.startsWith("s3://") || url.length() == "s3://".length()) {
            throw new IllegalArgumentException("an S3 location is s3://bucket or s3://bucket/prefix, not '" + url + "'");
        }
        String rest = url.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("'" + bucket + "' is not a valid S3 bucket name");
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        return new S3Location(bucket, prefix, endpoint, region, accessKey, secretKey);
    }

    String objectKey(String blobKey) {
        return prefix + blobKey;
    }

    @Override
    public String toString() { // never the secret
        return "s3://" + bucket + "/" + prefix + endpoint.map(e -> " at " + e).orElse("");
    }
}
