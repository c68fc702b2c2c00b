package io.kiln.engine.html.chromium;

import static io.kiln.engine.html.chromium.Browsers.document;
import static io.kiln.engine.html.chromium.Browsers.page;
import static io.kiln.engine.html.chromium.Browsers.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.fetch.AddressPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing one render leaves in the browser reaches the next: not for another owner (a fresh
 * context), and not for the same owner either, whose renders may share a kept page (cleared
 * between them). Each page prints what it finds, then leaves a cookie on the documents' parent
 * domain, storage and a window name behind.
 */
class IsolationTest {

    private static final String SNOOP = """
            <html><body><p id="o">pending</p><script>
            document.getElementById('o').textContent = 'found cookie=[' + document.cookie + '] local=['
                + (localStorage.getItem('k') || '') + '] session=[' + (sessionStorage.getItem('k') || '')
                + '] name=[' + window.name + '] end';
            document.cookie = 'c=%1$s; domain=kiln.invalid; path=/; max-age=3600';
            localStorage.setItem('k', '%1$s');
            sessionStorage.setItem('k', '%1$s');
            window.name = '%1$s';
            </script></body></html>
            """;

    private static ChromiumRenderer renderer;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        renderer = Browsers.renderer(shared, AddressPolicy.STRICT);
    }

    @AfterAll
    static void stop() {
        if (renderer != null) {
            renderer.close();
        }
    }

    @Test
    void aRenderFindsNothingOfThePreviousOnesWhoeverTheirOwner() throws Exception {
        List<String> owners = List.of("alice", "alice", "bob", "alice", "", "alice");
        for (int i = 0; i < owners.size(); i++) {
            Path html = page(dir, "snoop-" + i + ".html", SNOOP.formatted("secret-" + i));
            Path pdf = dir.resolve("snoop-" + i + ".pdf");
            renderer.render(document(html).ownedBy(owners.get(i)), pdf);
            assertThat(text(pdf).replaceAll("\\s+", " "))
                    .as("render %d, of %s", i, owners.get(i))
                    .contains("found cookie=[] local=[] session=[] name=[] end");
        }
    }
}
