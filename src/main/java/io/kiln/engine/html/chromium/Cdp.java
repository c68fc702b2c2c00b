package io.kiln.engine.html.chromium;

import com.ruiyun.jvppeteer.api.core.CDPSession;
import com.ruiyun.jvppeteer.api.core.Page;
import com.ruiyun.jvppeteer.cdp.core.CdpPage;
import java.util.HashMap;
import java.util.Map;

/** Raw DevTools calls through jvppeteer's sessions, for what its page API does slowly or not at all. */
final class Cdp {

    private Cdp() {
    }

    /** The page's own DevTools session. */
    static CDPSession session(Page page) {
        return ((CdpPage) page).client();
    }

    /**
     * A command's parameters from names and values in turn. Always a fresh mutable map: jvppeteer
     * removes null entries from the map it is given, which an immutable one refuses.
     */
    static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }
}
