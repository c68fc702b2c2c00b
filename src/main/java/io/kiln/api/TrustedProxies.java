package io.kiln.api;

import io.javalin.http.Context;
import io.kiln.fetch.IpRange;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} Kiln believes
 * ({@code --trusted-proxies}): from anyone else those headers are ignored, or a client could make
 * Kiln sign links to a host of its choosing.
 */
public final class TrustedProxies {

    public static final TrustedProxies NONE = new TrustedProxies(List.of());
    /** A host with an optional port, as a Host header carries it; anything else is not believed. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?");

    private final List<IpRange> ranges;

    private TrustedProxies(List<IpRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /**
     * Reads a comma list of addresses and CIDR ranges ({@code 10.0.0.0/8,::1}).
     *
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static TrustedProxies parse(List<String> entries) {
        List<IpRange> ranges = new ArrayList<>();
        for (String e : entries) {
            ranges.add(IpRange.parse(e.strip()));
        }
        return new TrustedProxies(ranges);
    }

    /** The scheme and host a trusted proxy says the client used, if this request came through one. */
    Optional<String> forwardedBase(Context ctx) {
        if (ranges.isEmpty() || !trusts(ctx.req().getRemoteAddr())) {
            return Optional.empty();
        }
        String proto = first(ctx.header("X-Forwarded-Proto"));
        String host = first(ctx.header("X-Forwarded-Host"));
        String scheme = proto != null && (proto.equalsIgnoreCase("https") || proto.equalsIgnoreCase("http"))
                ? proto.toLowerCase(java.util.Locale.ROOT) : ctx.scheme();
        String authority = host != null && HOST.matcher(host).matches() ? host : ctx.host();
        return proto == null && host == null ? Optional.empty() : Optional.of(scheme + "://" + authority);
    }

    private boolean trusts(String remote) {
        try {
            // the peer's address is always a literal: no name is looked up
            InetAddress address = InetAddress.getByName(remote);
            return ranges.stream().anyMatch(r -> r.contains(address));
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }

    /** The first of a comma list: the hop nearest the client, as the first proxy wrote it. */
    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        return header.split(",")[0].strip();
    }
}
