/**
 * The {@code chromium} HTML renderer: headless Chromium (Debian {@code chromium-headless-shell}, else
 * {@code chromium} in its headless mode; {@link io.kiln.engine.html.chromium.ChromiumInstallation}) kept warm in a
 * bounded {@link io.kiln.engine.html.chromium.ChromiumPool}, driven over the DevTools protocol with
 * jvppeteer (the comparison is in {@code bench/README.md}). The composition root builds
 * {@link io.kiln.engine.html.chromium.ChromiumSettings} (or {@code ChromiumSettings.detect}, empty when
 * Chromium is absent) and {@link io.kiln.engine.html.chromium.ChromiumRenderer#start}.
 *
 * <p><b>Why the browser cannot reach what it should not.</b> Every browser is started with
 * {@code --proxy-server} pointing at its own {@code EgressProxy} on loopback and
 * {@code --proxy-bypass-list=<-loopback>}, so every request it makes (page, sub-resources, redirects,
 * iframes in or out of process, workers and service workers, fetch/XHR, CSS imports, fonts,
 * WebSockets, prefetches) leaves through that proxy; QUIC and WebRTC's non-proxied UDP are switched
 * off because they could not. The proxy resolves each host once, checks every address with the
 * {@link io.kiln.fetch.AddressPolicy} and connects to the checked address (DNS pinned); Kiln's own
 * loopback ports (proxies, DevTools) are refused even when loopback is allow-listed. This holds for
 * every frame and process without having to attach to each target, which request interception over
 * DevTools would need and could miss. A refused sub-resource fails to load; a refused top-level URL
 * (first hop checked before loading, or a redirect seen by the proxy) fails with {@code url_forbidden}.
 *
 * <p><b>No local files.</b> An uploaded document is never opened from {@code file://}: it and its
 * assets are served by the proxy from a random, per-render {@code http://d….kiln.invalid/} origin,
 * and only the request's own files by their relative names. A page on an http(s) origin cannot load
 * or navigate to {@code file:}, {@code chrome:} or {@code view-source:} URLs (Chromium forbids it), and
 * a URL input must be http(s). Renders of different owners (tenants) never share a browser context;
 * an owner's consecutive renders on one browser reuse its page, cleared between them
 * ({@link io.kiln.engine.html.chromium.BrowserProcess}).
 *
 * <p>Depends on {@code io.kiln.engine}, {@code io.kiln.engine.html}, {@code io.kiln.error} and the
 * address rules of {@code io.kiln.fetch}; knows nothing of HTTP serving, jobs or storage.
 */
package io.kiln.engine.html.chromium;
