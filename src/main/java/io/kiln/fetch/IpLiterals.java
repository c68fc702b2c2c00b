package io.kiln.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reading and writing IP address literals without ever asking DNS. */
final class IpLiterals {

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");
    /** One to four parts, each decimal, octal (leading 0) or hex (0x): what C's inet_aton takes as an address. */
    private static final Pattern INET_ATON = Pattern.compile(
            "(0[xX][0-9a-fA-F]*|[0-9]+)(\\.(0[xX][0-9a-fA-F]*|[0-9]+)){0,3}\\.?");
    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private IpLiterals() {}

    /**
     * The address written in {@code text}, or empty if {@code text} is not a literal. Dotted IPv4
     * must have four plain decimal parts: forms like {@code 010.1} mean different things to
     * different parsers, so an allow-list refuses them rather than guess.
     */
    static Optional<InetAddress> parse(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        try {
            if (IPV4.matcher(bare).matches()) {
                byte[] bytes = new byte[4];
                String[] parts = bare.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int part = Integer.parseInt(parts[i]);
                    if (part > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) part;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            if (bare.contains(":") && IPV6.matcher(bare).matches()) {
                // With a ':' and only hex digits, InetAddress parses a literal and never resolves.
                return Optional.of(InetAddress.getByName(bare));
            }
        } catch (UnknownHostException invalid) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Whether {@code host} is a number that some resolvers read as an IPv4 address but that is not
     * written as four plain decimal parts: {@code 127.1}, {@code 2130706433}, {@code 0x7f000001},
     * {@code 0177.0.0.1}, {@code 0x7f.1}. What address it names depends on who parses it, so it
     * is refused rather than looked up.
     */
    static boolean isNonStandardNumber(String host) {
        return INET_ATON.matcher(host).matches() && parse(host).isEmpty();
    }

    /** Unwraps an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) to the IPv4 address it is. */
    static InetAddress canonical(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            if (Arrays.equals(bytes, 0, 12, MAPPED_PREFIX, 0, 12)) {
                return ipv4(Arrays.copyOfRange(bytes, 12, 16));
            }
        }
        return address;
    }

    static Inet4Address ipv4(byte[] bytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException("not an IPv4 address", impossible);
        }
    }

    /** The usual short form: dotted IPv4, or IPv6 with its longest zero run as {@code ::} (RFC 5952). */
    static String format(byte[] bytes) {
        if (bytes.length == 4) {
            return ipv4(bytes).getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
            } else {
                if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(groups[i]));
            }
        }
        return text.toString();
    }

    static String format(InetAddress address) {
        return format(canonical(address).getAddress());
    }
}
