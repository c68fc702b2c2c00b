package io.kiln.testing;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for the tests: s3proxy in-process on a free loopback port, with SigV4 keys, started
 * at first use and stopped when the test JVM ends. Each caller gets a bucket of its own.
 */
public final class S3Server {

    private static S3Server server;

    private final S3ProxyJunitCore proxy;
    private final S3Client client;

    private S3Server(S3ProxyJunitCore proxy) {
        this.proxy = proxy;
        this.client = S3Client.builder().endpointOverride(proxy.getUri()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(proxy.getAccessKey(), proxy.getSecretKey())))
                .build();
    }

    public static synchronized S3Server server() {
        if (server == null) {
            S3ProxyJunitCore proxy = new S3ProxyJunitCore.Builder()
                    .withCredentials("kiln-test-access", "kiln-test-secret-" + UUID.randomUUID()).build();
            try {
                proxy.beforeEach();
            } catch (Exception e) {
                throw new IllegalStateException("s3proxy did not start", e);
            }
            server = new S3Server(proxy);
            Runtime.getRuntime().addShutdownHook(new Thread(proxy::afterEach, "kiln-test-s3-stop"));
        }
        return server;
    }

    /** A new, empty bucket's name. */
    public String freshBucket() {
        String bucket = "kiln-" + UUID.randomUUID().toString().substring(0, 18);
        client.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** The serve flags that keep stored files in {@code bucket} of this server. */
    public List<String> serveFlags(String bucket) {
        return serveFlags(bucket, endpoint());
    }

    /** The same, reaching this server through {@code endpoint} (a relay in front of it, say). */
    public List<String> serveFlags(String bucket, URI endpoint) {
        return List.of("--storage", "s3://" + bucket, "--s3-endpoint", endpoint.toString(),
                "--s3-access-key", proxy.getAccessKey(), "--s3-secret-key", proxy.getSecretKey());
    }

    public URI endpoint() {
        return proxy.getUri();
    }

    public String accessKey() {
        return proxy.getAccessKey();
    }

    public String secretKey() {
        return proxy.getSecretKey();
    }

    /** How many objects {@code bucket} holds. */
    public int objectCount(String bucket) {
        return client.listObjectsV2(b -> b.bucket(bucket)).keyCount();
    }
}
