package io.kiln.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    private static final String ALICE_KEY = "kiln_alice-test-key";
    private static final String BOB_KEY = "kiln_bob-test-key";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();

    @Test
    void aCreatedKeyAuthenticatesAndAWrongOneDoesNot() throws Exception {
        Path file = dir.resolve("data/keys");
        ApiKeys keys = ApiKeys.load(file, clock);
        assertThat(keys.isEmpty()).isTrue();

        IssuedKey issued = keys.create("acme", OptionalLong.of(500));

        assertThat(issued.key()).startsWith("kiln_").hasSize(5 + 43);
        assertThat(keys.isEmpty()).isFalse();
        assertThat(keys.authenticate(issued.key())).hasValue(issued.principal());
        assertThat(issued.principal().tenant()).isEqualTo("acme");
        assertThat(issued.principal().credits()).hasValue(500);
        assertThat(issued.principal().keyId()).hasSize(8).isEqualTo(KeyHash.of(issued.key()).substring(0, 8));
        assertThat(keys.authenticate(issued.key() + "x")).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
        assertThat(issued.toString()).doesNotContain(issued.key());
    }

    @Test
    void theFileHoldsOnlyHashesAndIsPrivate() throws Exception {
        Path file = dir.resolve("keys");
        ApiKeys keys = ApiKeys.load(file, clock);
        IssuedKey first = keys.create("acme");
        IssuedKey second = keys.create("acme", OptionalLong.of(3));

        String content = Files.readString(file);
        assertThat(content).doesNotContain(first.key()).doesNotContain(second.key())
                .doesNotContain(first.key().substring(5))
                .contains(KeyHash.of(first.key()) + " acme\n")
                .contains(KeyHash.of(second.key()) + " acme 3\n")
                .startsWith("#");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(ApiKeys.load(file, clock).authenticate(second.key())).hasValue(second.principal());
    }

    @Test
    void commentsAndBlankLinesAreIgnored() throws Exception {
        Path file = write("""
                # Kiln keys

                %s alice   # the first customer
                   \t
                %s bob 10
                # %s eve
                """.formatted(KeyHash.of(ALICE_KEY), KeyHash.of(BOB_KEY).toUpperCase(), KeyHash.of("kiln_eve")));

        ApiKeys keys = ApiKeys.load(file, clock);

        assertThat(keys.authenticate(ALICE_KEY)).hasValueSatisfying(p -> {
            assertThat(p.tenant()).isEqualTo("alice");
            assertThat(p.credits()).isEmpty();
        });
        assertThat(keys.authenticate(BOB_KEY)).hasValueSatisfying(p -> {
            assertThat(p.tenant()).isEqualTo("bob");
            assertThat(p.credits()).hasValue(10);
        });
        assertThat(keys.authenticate("kiln_eve")).isEmpty();
    }

    @Test
    void twoTenantsStayDistinct() {
        ApiKeys keys = ApiKeys.load(dir.resolve("keys"), clock);
        IssuedKey alice = keys.create("alice");
        IssuedKey bob = keys.create("bob");

        assertThat(alice.key()).isNotEqualTo(bob.key());
        assertThat(keys.authenticate(alice.key())).map(Principal::tenant).hasValue("alice");
        assertThat(keys.authenticate(bob.key())).map(Principal::tenant).hasValue("bob");
        assertThat(alice.principal().keyId()).isNotEqualTo(bob.principal().keyId());
    }

    @Test
    void malformedLinesAreRefusedNamingTheLine() throws Exception {
        String good = KeyHash.of(ALICE_KEY) + " alice\n";
        List<String> bad = List.of(
                "kiln_clear_key_pasted_by_mistake alice",
                KeyHash.of(BOB_KEY),
                KeyHash.of(BOB_KEY) + " bob 10 extra",
                KeyHash.of(BOB_KEY) + " bob -1",
                KeyHash.of(BOB_KEY) + " bob ten",
                KeyHash.of(BOB_KEY) + " bo/b",
                KeyHash.of(ALICE_KEY) + " alice-again");
        for (String line : bad) {
            Path file = write("# header\n" + good + line + "\n");
            assertThatThrownBy(() -> ApiKeys.load(file, clock)).as(line)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("line 3:")
                    .hasMessageContaining(file.toString())
                    .hasMessageNotContaining("kiln_clear_key");
        }
    }

    @Test
    void createRefusesBadTenantsAndMalformedFiles() throws Exception {
        ApiKeys keys = ApiKeys.load(dir.resolve("keys"), clock);
        for (String tenant : List.of("", "has space", "../up", "-dash", "x".repeat(65))) {
            assertThatThrownBy(() -> keys.create(tenant)).as(tenant).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> keys.create("acme", OptionalLong.of(-5))).isInstanceOf(IllegalArgumentException.class);

        Files.writeString(keys.file(), "garbage\n");
        assertThatThrownBy(() -> keys.create("acme")).hasMessageContaining("line 1:");
        assertThat(Files.readString(keys.file())).isEqualTo("garbage\n");
    }

    @Test
    void appendingToAHandEditedFileStartsANewLine() throws Exception {
        Path file = write(KeyHash.of(ALICE_KEY) + " alice"); // no final newline
        ApiKeys keys = ApiKeys.load(file, clock);
        IssuedKey bob = keys.create("bob");

        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(ApiKeys.load(file, clock).authenticate(ALICE_KEY)).isPresent();
        assertThat(ApiKeys.load(file, clock).authenticate(bob.key())).isPresent();
    }

    @Test
    void editsAreNoticedAtMostOncePerSecond() throws Exception {
        Path file = write(KeyHash.of(ALICE_KEY) + " alice\n");
        ApiKeys keys = ApiKeys.load(file, clock);

        Files.writeString(file, KeyHash.of(BOB_KEY) + " bob\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(keys.authenticate(BOB_KEY)).as("within the second").isEmpty();

        clock.advance(ApiKeys.RELOAD_INTERVAL);
        assertThat(keys.authenticate(BOB_KEY)).isPresent();
        assertThat(keys.authenticate(ALICE_KEY)).as("removed").isEmpty();

        Files.writeString(file, "broken line\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        clock.advance(Duration.ofSeconds(2));
        assertThat(keys.authenticate(BOB_KEY)).as("a broken edit keeps the previous keys").isPresent();

        Files.delete(file);
        clock.advance(Duration.ofSeconds(2));
        assertThat(keys.isEmpty()).as("a deleted file means no keys").isTrue();
    }

    @Test
    void aMissingFileMeansNoKeys() {
        ApiKeys keys = ApiKeys.load(ApiKeys.defaultFile(dir), clock);
        assertThat(keys.isEmpty()).isTrue();
        assertThat(keys.file()).isEqualTo(dir.resolve("keys"));
        assertThat(keys.authenticate("kiln_anything")).isEmpty();
        assertThat(Principal.anonymous().tenant()).isEqualTo(Principal.ANONYMOUS_TENANT).isEqualTo("public");
    }

    private Path write(String content) throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, content);
        return file;
    }
}
