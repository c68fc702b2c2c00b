package io.kiln.fetch;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges a URL input may not reach unless allow-listed: everything that is this
 * machine, its network, or a cloud metadata service. IPv6 forms that carry an IPv4 address
 * (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address inside them, so
 * {@code ::ffff:127.0.0.1} or {@code 64:ff9b::a9fe:a9fe} are no way around the IPv4 rules.
 */
final class ForbiddenAddresses {

    private record Kind(IpRange range, String name) {}

    /** Where an IPv6 range carries an IPv4 address, and at which byte offset. */
    private record Embedding(IpRange range, int offset) {}

    private static final List<Kind> KINDS = List.of(
            kind("0.0.0.0/8", "unspecified"),
            kind("127.0.0.0/8", "loopback"),
            kind("10.0.0.0/8", "private"),
            kind("172.16.0.0/12", "private"),
            kind("192.168.0.0/16", "private"),
            kind("100.64.0.0/10", "carrier-grade NAT"),
            kind("169.254.0.0/16", "link-local"), // includes 169.254.169.254, cloud metadata
            kind("192.0.0.0/24", "IETF protocol"), // Oracle cloud metadata lives at 192.0.0.192
            kind("198.18.0.0/15", "benchmarking"),
            kind("224.0.0.0/4", "multicast"),
            kind("240.0.0.0/4", "reserved"), // includes 255.255.255.255, broadcast
            kind("::/128", "unspecified"),
            kind("::1/128", "loopback"),
            kind("fc00::/7", "private"), // includes fd00:ec2::254, AWS metadata over IPv6
            kind("fe80::/10", "link-local"),
            kind("fec0::/10", "site-local"),
            kind("ff00::/8", "multicast"),
            kind("100::/64", "discard"),
            kind("2001::/32", "Teredo tunnel"),
            kind("64:ff9b:1::/48", "local NAT64"));

    private static final List<Embedding> EMBEDDINGS = List.of(
            new Embedding(IpRange.parse("::/96"), 12), // IPv4-compatible (deprecated)
            new Embedding(IpRange.parse("::ffff:0:0:0/96"), 12), // IPv4-translated
            new Embedding(IpRange.parse("64:ff9b::/96"), 12), // NAT64 well-known prefix
            new Embedding(IpRange.parse("2002::/16"), 2)); // 6to4

    private ForbiddenAddresses() {}

    /** What kind of forbidden address this is ("loopback", "link-local", …), or empty if none. */
    static Optional<String> kindOf(InetAddress address) {
        byte[] bytes = IpLiterals.canonical(address).getAddress();
        Optional<String> direct = directKind(bytes);
        if (direct.isPresent()) {
            return direct;
        }
        for (Embedding embedding : EMBEDDINGS) {
            if (embedding.range().matches(bytes)) {
                byte[] inner = Arrays.copyOfRange(bytes, embedding.offset(), embedding.offset() + 4);
                return directKind(inner).map(kind -> kind + " (inside an IPv6 address)");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> directKind(byte[] bytes) {
        return KINDS.stream().filter(kind -> kind.range().matches(bytes)).map(Kind::name).findFirst();
    }

    private static Kind kind(String cidr, String name) {
        return new Kind(IpRange.parse(cidr), name);
    }
}
