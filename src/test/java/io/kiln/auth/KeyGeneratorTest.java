package io.kiln.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyGeneratorTest {

    @Test
    void keysArePrefixedUrlSafeAndUnique() {
        KeyGenerator generator = new KeyGenerator();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = generator.newKey();
            assertThat(key).matches("kiln_[A-Za-z0-9_-]{43}");
            assertThat(seen.add(key)).isTrue();
        }
    }

    @Test
    void hashesAreLowerCaseSha256Hex() {
        assertThat(KeyHash.of("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(KeyHash.same(KeyHash.of("a"), KeyHash.of("a"))).isTrue();
        assertThat(KeyHash.same(KeyHash.of("a"), KeyHash.of("b"))).isFalse();
    }
}
