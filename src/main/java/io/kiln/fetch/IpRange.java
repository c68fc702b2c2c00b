package io.kiln.fetch;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * A CIDR block such as {@code 10.0.0.0/8} or {@code fe80::/10}; a single address is a block with a
 * full-length prefix. IPv4 and IPv6 blocks never contain each other's addresses: callers unwrap
 * IPv4-mapped IPv6 addresses first (see {@link IpLiterals#canonical}).
 */
public record IpRange(byte[] network, int prefix) {

    public IpRange {
        network = network.clone();
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix /" + prefix + " is out of range");
        }
    }

    /** Parses {@code address} or {@code address/prefix}; the reason is a one-line sentence. */
    public static IpRange parse(String text) {
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = IpLiterals.parse(addressText)
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + text + "' is not an IP address or CIDR range"));
        byte[] bytes = IpLiterals.canonical(address).getAddress();
        int bits = bytes.length * 8;
        if (slash < 0) {
            return new IpRange(bytes, bits);
        }
        String prefixText = text.substring(slash + 1);
        if (!prefixText.matches("\\d{1,3}") || Integer.parseInt(prefixText) > bits) {
            throw new IllegalArgumentException("'" + text + "' has an invalid prefix length (0-" + bits + ")");
        }
        IpRange range = new IpRange(bytes, Integer.parseInt(prefixText));
        if (!Arrays.equals(range.maskedNetwork(), bytes)) {
            // A strict reading catches typos such as 10.0.0.1/8 meant as a single host.
            throw new IllegalArgumentException("'" + text + "' has bits set after the prefix; did you mean "
                    + IpLiterals.format(range.maskedNetwork()) + "/" + prefixText + "?");
        }
        return range;
    }

    public boolean contains(InetAddress address) {
        return matches(IpLiterals.canonical(address).getAddress());
    }

    boolean matches(byte[] bytes) {
        if (bytes.length != network.length) {
            return false;
        }
        return masked(bytes).equals(masked(network));
    }

    private byte[] maskedNetwork() {
        byte[] out = masked(network).toByteArray();
        byte[] fixed = new byte[network.length];
        // BigInteger drops leading zero bytes and may add a sign byte; right-align into the width.
        int copy = Math.min(out.length, fixed.length);
        System.arraycopy(out, out.length - copy, fixed, fixed.length - copy, copy);
        return fixed;
    }

    private BigInteger masked(byte[] bytes) {
        int bits = bytes.length * 8;
        BigInteger value = new BigInteger(1, bytes);
        return value.shiftRight(bits - prefix).shiftLeft(bits - prefix);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange that && prefix == that.prefix && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return IpLiterals.format(network) + "/" + prefix;
    }
}
