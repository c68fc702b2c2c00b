package io.kiln.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.testing.S3Server;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The blob store contract on a real S3 server (s3proxy), in a bucket of its own under a prefix. */
class S3BlobStoreTest extends BlobStoreContract {

    private S3BlobStore s3;
    private String bucket;

    @Override
    protected BlobStore freshStore(Path scratch) throws Exception {
        S3Server server = S3Server.server();
        bucket = server.freshBucket();
        s3 = S3BlobStore.open(S3Location.parse("s3://" + bucket + "/kiln", Optional.of(server.endpoint()), "us-east-1",
                server.accessKey(), server.secretKey()), scratch.resolve("spool"));
        return s3;
    }

    @AfterEach
    void close() {
        s3.close();
    }

    @Test
    void objectsLiveUnderThePrefixAndTheBucketAnswers() throws Exception {
        s3.put("x/y", new ByteArrayInputStream(new byte[] {1, 2, 3}), 10);
        assertThat(S3Server.server().objectCount(bucket)).isEqualTo(1);
        assertThat(s3.isReachable()).isTrue();
    }

    @Test
    void aMissingBucketIsNotReachable() throws Exception {
        S3Server server = S3Server.server();
        try (S3BlobStore missing = S3BlobStore.open(S3Location.parse("s3://no-such-bucket-here",
                Optional.of(server.endpoint()), "us-east-1", server.accessKey(), server.secretKey()), scratch)) {
            assertThat(missing.isReachable()).isFalse();
            assertThat(missing.unreachableBecause()).contains("there is no bucket no-such-bucket-here");
        }
    }

    @Test
    void aServerThatCannotBeReachedIsAnOutageAndAMissingBucketIsNot() throws Exception {
        S3Server server = S3Server.server();
        try (var relay = new io.kiln.testing.TcpRelay("127.0.0.1", server.endpoint().getPort());
             S3BlobStore cut = S3BlobStore.open(S3Location.parse("s3://" + bucket + "/kiln",
                     Optional.of(java.net.URI.create("http://127.0.0.1:" + relay.port())), "us-east-1",
                     server.accessKey(), server.secretKey()), scratch.resolve("spool-cut"));
             S3BlobStore missing = S3BlobStore.open(S3Location.parse("s3://no-such-bucket-here",
                     Optional.of(server.endpoint()), "us-east-1", server.accessKey(), server.secretKey()), scratch)) {
            relay.cut();

            var unreachable = org.assertj.core.api.Assertions.catchThrowable(
                    () -> cut.put("a", new ByteArrayInputStream(new byte[] {1}), 10));
            var refused = org.assertj.core.api.Assertions.catchThrowable(
                    () -> missing.put("a", new ByteArrayInputStream(new byte[] {1}), 10));

            assertThat(unreachable).isInstanceOf(io.kiln.error.StorageUnreachable.class);
            assertThat(io.kiln.error.Outages.of(unreachable)).get()
                    .extracting(io.kiln.error.ServiceUnavailable::code).isEqualTo(io.kiln.error.ErrorCode.UNAVAILABLE);
            assertThat(refused).isNotNull().isNotInstanceOf(io.kiln.error.StorageUnreachable.class);
            assertThat(io.kiln.error.Outages.of(refused)).isEmpty();
        }
    }
}
