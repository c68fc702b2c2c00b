package io.kiln.engine.html.chromium;

import io.kiln.fetch.AddressPolicy;
import io.kiln.fetch.NameLookup;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a browser may connect to {@code host:port}, and to which addresses: the host is
 * resolved once and only the addresses checked here are connected to (DNS pinned). If any address is
 * forbidden the whole host is refused, as {@code io.kiln.fetch} does. Kiln's own loopback ports (the
 * proxies, the browsers' DevTools endpoints) are refused even when loopback is allow-listed.
 */
final class EgressRules {

    private final AddressPolicy policy;
    private final NameLookup lookup;
    private final Set<Integer> ownPorts = ConcurrentHashMap.newKeySet();

    EgressRules(AddressPolicy policy, NameLookup lookup) {
        this.policy = policy;
        this.lookup = lookup;
    }

    /** The addresses {@code host} may be reached at on {@code port}, all checked. */
    List<InetAddress> vet(String host, int port) throws EgressRefused, UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        Optional<String> nameRefusal = policy.nameRefusal(bare);
        if (nameRefusal.isPresent()) {
            throw new EgressRefused(nameRefusal.get());
        }
        if (port < 1 || port > 65_535) {
            throw new EgressRefused("Port " + port + " is not a valid port.");
        }
        List<InetAddress> addresses = lookup.lookup(bare);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(bare);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = policy.refusal(bare, address);
            if (refusal.isPresent()) {
                throw new EgressRefused(refusal.get());
            }
            if ((address.isLoopbackAddress() || address.isAnyLocalAddress()) && ownPorts.contains(port)) {
                throw new EgressRefused("Port " + port + " on this machine belongs to Kiln itself.");
            }
        }
        return addresses;
    }

    /** Marks a loopback port as Kiln's own: never reachable from a page. */
    void reserve(int port) {
        ownPorts.add(port);
    }

    void release(int port) {
        ownPorts.remove(port);
    }
}
