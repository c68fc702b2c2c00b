package io.kiln.engine.html.chromium;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command-line switches of a pooled browser, each for a stated reason. */
final class LaunchFlags {

    private LaunchFlags() {
    }

    static List<String> forBrowser(Path executable, int proxyPort, Path profileDir, boolean runningAsRoot) {
        List<String> flags = new ArrayList<>(List.of(
                // the crash handler detaches from the browser; with its database in the profile its
                // command line names the profile, so a restart finds and kills it too
                "--crash-dumps-dir=" + profileDir.resolve("crashes"),
                // the headless shell is headless by itself; the full browser has to be told
                ChromiumInstallation.isHeadlessShell(executable) ? "--headless" : "--headless=new",
                "--disable-gpu",
                // /dev/shm is 64 MB in containers; Chromium crashes on big pages when it fills
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-component-extensions-with-background-pages",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-client-side-phishing-detection",
                "--disable-domain-reliability",
                "--metrics-recording-only",
                "--no-pings",
                "--mute-audio",
                "--hide-scrollbars",
                "--disable-breakpad",
                "--disable-features=Translate,MediaRouter,OptimizationHints,InterestFeedContentSuggestions,"
                        + "AutofillServerCommunication,CertificateTransparencyComponentUpdater,DialMediaRouteProvider",
                // every byte leaves through Kiln's egress proxy, which applies the address rules with
                // pinned DNS; "<-loopback>" removes the implicit bypass, so loopback goes through it too
                "--proxy-server=http://127.0.0.1:" + proxyPort,
                "--proxy-bypass-list=<-loopback>",
                // QUIC (UDP) and WebRTC's UDP cannot go through an HTTP proxy: switch them off
                "--disable-quic",
                "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
                "--webrtc-ip-handling-policy=disable_non_proxied_udp",
                // the same glyph positions whatever the host's font configuration
                "--font-render-hinting=none"));
        if (runningAsRoot) {
            // Chromium's sandbox refuses to run as root; containers usually run as root
            flags.add("--no-sandbox");
        }
        return flags;
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
