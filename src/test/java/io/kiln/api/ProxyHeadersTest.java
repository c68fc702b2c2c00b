package io.kiln.api;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.config.ConfigException;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Links follow {@code X-Forwarded-Proto}/{@code -Host} from a trusted proxy only. */
class ProxyHeadersTest {

    private static String outputUrl(TestServer server, String id, String proto, String host) {
        HttpRequest.Builder get = server.request("/v1/jobs/" + id).GET();
        if (proto != null) {
            get.header("X-Forwarded-Proto", proto);
        }
        if (host != null) {
            get.header("X-Forwarded-Host", host);
        }
        return json(server.send(get.build())).path("outputs").get(0).path("url").asText();
    }

    private static String convert(TestServer server) {
        return server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                .field("to", "info")).path("id").asText();
    }

    @Test
    void aTrustedProxysForwardedSchemeAndHostMakeTheLinks() {
        try (TestServer server = TestServer.start("--trusted-proxies", "10.0.0.0/8,127.0.0.1")) {
            String id = convert(server);
            assertThat(outputUrl(server, id, "https", "kiln.example.com"))
                    .startsWith("https://kiln.example.com/v1/files/");
            // the nearest hop first, as the first proxy wrote it
            assertThat(outputUrl(server, id, "https, http", "kiln.example.com:8443, inner:8080"))
                    .startsWith("https://kiln.example.com:8443/");
            // a host that is not a host is not believed
            assertThat(outputUrl(server, id, "https", "evil.example/path?x=1"))
                    .startsWith("https://127.0.0.1:");
            assertThat(outputUrl(server, id, null, null)).startsWith(server.base() + "/v1/files/");
        }
    }

    @Test
    void fromAnyoneElseTheForwardedHeadersAreIgnored() {
        try (TestServer server = TestServer.start("--trusted-proxies", "10.1.2.3")) {
            String id = convert(server);
            assertThat(outputUrl(server, id, "https", "kiln.example.com")).startsWith(server.base() + "/v1/files/");
        }
        try (TestServer server = TestServer.start()) {
            String id = convert(server);
            assertThat(outputUrl(server, id, "https", "kiln.example.com")).startsWith(server.base() + "/v1/files/");
        }
    }

    @Test
    void anEntryThatIsNoAddressStopsTheStart() {
        assertThatThrownBy(() -> TestServer.start("--trusted-proxies", "proxy.internal"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--trusted-proxies");
    }
}
