package io.kiln.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @Test
    void flagsWinOverTheirEnvironmentTwinsWhichWinOverDefaults() {
        KilnConfig c = ConfigLoader.load(new String[] {"--port", "9000", "--job-ttl=30m"},
                Map.of("KILN_PORT", "7000", "KILN_WORKERS", "3", "KILN_MAX_UPLOAD", "10m"));
        assertThat(c.http().port()).isEqualTo(9000);
        assertThat(c.jobs().ttl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.jobs().workers()).isEqualTo(3);
        assertThat(c.http().maxUploadBytes()).isEqualTo(10L << 20);
        KilnConfig defaults = ConfigLoader.load(new String[0], Map.of());
        assertThat(defaults.http().port()).isEqualTo(8080);
        assertThat(defaults.jobs().ttl()).isEqualTo(Duration.ofHours(2));
        assertThat(defaults.storage().dbUrl()).startsWith("jdbc:h2:retry:").contains("data");
        assertThat(defaults.security().keysFile().toString()).endsWith("data/keys");
    }

    @Test
    void scratchIsWhereItIsToldElseInSharedMemoryWhenThereIsRoomElseUnderTheData() {
        KilnConfig told = ConfigLoader.load(new String[] {"--data", "/tmp/k", "--scratch", "/tmp/k-scratch"}, Map.of());
        assertThat(told.storage().scratchDir()).isEqualTo(java.nio.file.Path.of("/tmp/k-scratch"));
        java.nio.file.Path a = ConfigLoader.load(new String[] {"--data", "/tmp/a"}, Map.of()).storage().scratchDir();
        java.nio.file.Path b = ConfigLoader.load(new String[] {"--data", "/tmp/b"}, Map.of()).storage().scratchDir();
        assertThat(a).as("one scratch directory per data directory").isNotEqualTo(b);
        assertThat(a.toString()).matches("/dev/shm/kiln-[0-9a-f]{16}|/tmp/a/work");
        // more room needed than any shared memory has: the data directory serves
        java.nio.file.Path huge = ConfigLoader.load(new String[] {"--data", "/tmp/a", "--max-upload", "1000000g"},
                Map.of()).storage().scratchDir();
        assertThat(huge).isEqualTo(java.nio.file.Path.of("/tmp/a/work"));
    }

    @Test
    void everySettingHasItsTwinByOneRule() {
        for (Setting s : Setting.values()) {
            assertThat(s.env()).isEqualTo("KILN_" + s.flag().substring(2).toUpperCase().replace('-', '_'));
        }
    }

    @Test
    void badValuesAreRefusedWithOneLineNamingTheSetting() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--port", "http"}, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("--port: 'http' must be a whole number from 0 to 65535");
        assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("KILN_JOB_TTL", "soon")))
                .hasMessageStartingWith("KILN_JOB_TTL: 'soon' is not a duration");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--max-upload", "-1"}, Map.of()))
                .hasMessageStartingWith("--max-upload:");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--colour", "blue"}, Map.of()))
                .hasMessageStartingWith("unknown option --colour");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--db-url", "jdbc:mysql://x"}, Map.of()))
                .hasMessageContaining("jdbc:h2: and jdbc:postgresql:");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--workers"}, Map.of()))
                .hasMessage("--workers: a value is required");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--webhook-retry-first", "1h", "--webhook-retry-span", "10m"},
                Map.of())).hasMessage("--webhook-retry-span: '10m' is shorter than the first retry wait 1h");
    }

    @Test
    void storedFilesGoToAnS3BucketWhenToldAndBadLocationsAreRefused() {
        assertThat(ConfigLoader.load(new String[0], Map.of()).storage().objects()).isEmpty();
        KilnConfig s3 = ConfigLoader.load(new String[] {"--storage", "s3://kiln-files/prod", "--s3-endpoint",
                "http://minio:9000", "--s3-access-key", "AK", "--s3-secret-key", "SK"}, Map.of());
        var where = s3.storage().objects().orElseThrow();
        assertThat(where.bucket()).isEqualTo("kiln-files");
        assertThat(where.prefix()).isEqualTo("prod/");
        assertThat(where.endpoint()).contains(java.net.URI.create("http://minio:9000"));
        assertThat(where.region()).isEqualTo("us-east-1");
        assertThat(where.toString()).doesNotContain("SK");
        assertThat(ConfigLoader.load(new String[0], Map.of("KILN_STORAGE", "s3://kiln-files")).storage().objects()
                .orElseThrow().accessKey()).isEmpty(); // the AWS SDK's own credential chain
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--storage", "/mnt/files"}, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--storage: an S3 location is s3://bucket");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--storage", "s3://Bad_Bucket"}, Map.of()))
                .hasMessage("--storage: 'Bad_Bucket' is not a valid S3 bucket name");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--storage", "s3://kiln-files", "--s3-endpoint",
                "minio:9000"}, Map.of())).hasMessageStartingWith("--s3-endpoint: an http(s) URL");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--storage", "s3://kiln-files", "--s3-access-key",
                "AK"}, Map.of())).hasMessage("--s3-access-key and --s3-secret-key go together");
    }

    @Test
    void webhookRetriesAndConvertApiPollsAreTunable() {
        KilnConfig defaults = ConfigLoader.load(new String[0], Map.of());
        assertThat(defaults.webhooks()).isEqualTo(new KilnConfig.Webhooks(Duration.ofSeconds(5), Duration.ofHours(24)));
        assertThat(defaults.dialects().convertApiPollWait()).isEqualTo(Duration.ofSeconds(5));
        KilnConfig tuned = ConfigLoader.load(new String[] {"--webhook-retry-first", "30s", "--convertapi-poll-wait", "20s"},
                Map.of("KILN_WEBHOOK_RETRY_SPAN", "3d"));
        assertThat(tuned.webhooks()).isEqualTo(new KilnConfig.Webhooks(Duration.ofSeconds(30), Duration.ofDays(3)));
        assertThat(tuned.dialects().convertApiPollWait()).isEqualTo(Duration.ofSeconds(20));
    }
}
