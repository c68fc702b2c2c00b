package io.kiln.fetch;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which hosts and addresses Kiln may contact on a client's behalf (URL inputs, webhooks).
 * Loopback, private, link-local, metadata and similar addresses are refused unless the operator
 * allow-lists them by host name, address or CIDR range ({@code --allow-hosts}).
 */
public final class AddressPolicy {

    /** Nothing allow-listed: the safe default for a server reachable by strangers. */
    public static final AddressPolicy STRICT = new AddressPolicy(Set.of(), List.of());

    /** Cloud metadata names: refused by name too, in case a resolver maps them somewhere odd. */
    private static final Set<String> FORBIDDEN_NAMES = Set.of(
            "metadata.google.internal", "metadata.goog", "metadata",
            "instance-data", "instance-data.ec2.internal", "metadata.azure.com");

    /** Names for this machine: RFC 6761's localhost and the ones Debian's /etc/hosts gives loopback. */
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "localhost.localdomain",
            "ip6-localhost", "ip6-loopback");

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private final Set<String> allowedNames;
    private final List<IpRange> allowedRanges;

    private AddressPolicy(Set<String> allowedNames, List<IpRange> allowedRanges) {
        this.allowedNames = Set.copyOf(allowedNames);
        this.allowedRanges = List.copyOf(allowedRanges);
    }

    /**
     * Reads a comma list such as {@code localhost,10.0.0.0/8,::1}; blank entries are skipped.
     *
     * @throws IllegalArgumentException naming the first malformed entry, in one line
     */
    public static AddressPolicy parse(String commaList) {
        Set<String> names = new LinkedHashSet<>();
        List<IpRange> ranges = new ArrayList<>();
        for (String raw : commaList.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("/") || IpLiterals.parse(entry).isPresent()) {
                ranges.add(IpRange.parse(entry));
            } else if (looksNumeric(entry)) {
                throw new IllegalArgumentException("'" + entry + "' is not a valid IP address");
            } else {
                String name = normalize(entry);
                if (!HOST_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException(
                            "'" + entry + "' is not a host name, IP address or CIDR range");
                }
                names.add(name);
            }
        }
        return new AddressPolicy(names, ranges);
    }

    /** Why {@code host} may not be contacted whatever it resolves to, or empty if it may be tried. */
    public Optional<String> nameRefusal(String host) {
        String name = normalize(host);
        if (allowedNames.contains(name)) {
            return Optional.empty();
        }
        if (FORBIDDEN_NAMES.contains(name)) {
            return Optional.of(name + " is a cloud metadata service, which Kiln does not contact.");
        }
        if (IpLiterals.isNonStandardNumber(host)) {
            return Optional.of(host + " is an IP address in a non-standard form, which resolvers read differently; "
                    + "Kiln only contacts addresses written as a.b.c.d, or in brackets for IPv6.");
        }
        if (isLoopbackName(name) && !allowsLoopback()) {
            // RFC 6761: these always mean this machine, whatever DNS says (and "localhost." is not
            // in /etc/hosts, so it would fail to resolve only to be tried again by a browser)
            return Optional.of(host + " names this machine (a loopback name), which Kiln does not contact unless "
                    + "the server allow-lists it.");
        }
        return Optional.empty();
    }

    private static boolean isLoopbackName(String name) {
        return LOOPBACK_NAMES.contains(name) || name.endsWith(".localhost");
    }

    /** Why {@code address}, reached through the name {@code host}, may not be contacted; or empty. */
    public Optional<String> refusal(String host, InetAddress address) {
        if (allowedNames.contains(normalize(host)) || allows(address)) {
            return Optional.empty();
        }
        return ForbiddenAddresses.kindOf(address).map(kind -> sentence(host, address, kind));
    }

    public boolean permits(String host, InetAddress address) {
        return nameRefusal(host).isEmpty() && refusal(host, address).isEmpty();
    }

    /** An operator who allow-lists the loopback addresses means the loopback names too. */
    private boolean allowsLoopback() {
        return allows(InetAddress.getLoopbackAddress())
                || IpLiterals.parse("::1").filter(this::allows).isPresent();
    }

    private boolean allows(InetAddress address) {
        return allowedRanges.stream().anyMatch(range -> range.contains(address));
    }

    private static String sentence(String host, InetAddress address, String kind) {
        String shown = IpLiterals.format(address);
        boolean literal = IpLiterals.parse(normalize(host)).map(IpLiterals::format).filter(shown::equals).isPresent();
        String where = literal ? shown : host + " (" + shown + ")";
        String article = "aeiouAEIOU".indexOf(kind.charAt(0)) >= 0 ? " is an " : " is a ";
        return where + article + kind + " address, which Kiln does not contact unless the server allow-lists it.";
    }

    private static boolean looksNumeric(String entry) {
        return entry.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }

    /** Host names compare case-insensitively and without a trailing root dot or IPv6 brackets. */
    static String normalize(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    @Override
    public String toString() {
        return Stream.concat(allowedNames.stream(), allowedRanges.stream().map(IpRange::toString))
                .reduce((a, b) -> a + "," + b)
                .map(list -> "AddressPolicy[allow " + list + "]")
                .orElse("AddressPolicy[strict]");
    }
}
