package io.kiln.engine.html.chromium;

import static io.kiln.engine.html.chromium.Browsers.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.html.PrintOptions;
import io.kiln.engine.html.RenderRequest;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.fetch.AddressPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With 127.0.0.1 allow-listed, URL pages load from it; redirects elsewhere are still checked. */
class UrlTest {

    private static ChromiumRenderer renderer;
    private static Canary canary;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        renderer = Browsers.renderer(shared, AddressPolicy.parse("127.0.0.1"));
        canary = new Canary();
    }

    @AfterAll
    static void stop() {
        if (renderer != null) {
            renderer.close();
        }
        if (canary != null) {
            canary.close();
        }
    }

    @Test
    void anAllowListedPageIsPrintedWithTheExtraHeaders() throws Exception {
        PrintOptions print = new PrintOptions(8.27, 11.69, 0.4, 0.4, 0.4, 0.4, false, 1.0, true, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ZERO, PrintOptions.Media.PRINT,
                Map.of("X-Kiln-Test", "hello"), false, false);
        Path pdf = dir.resolve("page.pdf");
        renderer.render(RenderRequest.url(URI.create(canary.url("/page")), print, Browsers.TIMEOUT), pdf);

        assertThat(text(pdf)).contains("CANARY PAGE");
        assertThat(canary.headers()).anySatisfy(h -> assertThat(h.get("X-kiln-test")).isEqualTo(List.of("hello")));
    }

    @Test
    void aRedirectToAForbiddenAddressIsNotFollowed() {
        int before = canary.hits().size();
        String url = canary.url("/redirect?to=http://169.254.169.254/latest/meta-data/");
        assertThatThrownBy(() -> renderer.render(RenderRequest.url(URI.create(url), PrintOptions.defaults(),
                Browsers.TIMEOUT), dir.resolve("r.pdf")))
                .isInstanceOf(ConversionFailed.class)
                .extracting(e -> ((ConversionFailed) e).code()).isEqualTo(ErrorCode.URL_FORBIDDEN);
        assertThat(canary.hits().subList(before, canary.hits().size())).hasSize(1);
    }

    @Test
    void kilnsOwnLoopbackPortsStayClosedEvenWhenLoopbackIsAllowed() throws Exception {
        EgressRules rules = new EgressRules(AddressPolicy.parse("127.0.0.1"), io.kiln.fetch.NameLookup.system());
        rules.reserve(canary.port());
        assertThatThrownBy(() -> rules.vet("127.0.0.1", canary.port())).isInstanceOf(EgressRefused.class);
        assertThat(rules.vet("127.0.0.1", canary.port() + 1)).isNotEmpty();
    }
}
