package io.kiln.fetch;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Resolves a host once and hands Jetty only the addresses the policy accepted, so the addresses
 * checked are exactly the addresses connected to: a DNS answer that changes between a check and a
 * connection (DNS rebinding) cannot slip a forbidden address through. If any resolved address is
 * forbidden the whole host is refused, rather than quietly using the others.
 */
final class PinnedResolver implements SocketAddressResolver {

    private final AddressPolicy policy;
    private final NameLookup lookup;

    PinnedResolver(AddressPolicy policy, NameLookup lookup) {
        this.policy = policy;
        this.lookup = lookup;
    }

    /** The host's addresses, every one accepted by the policy. */
    List<InetAddress> vet(String host) throws AddressRefused, UnknownHostException {
        Optional<String> nameRefusal = policy.nameRefusal(host);
        if (nameRefusal.isPresent()) {
            throw new AddressRefused(nameRefusal.get());
        }
        Optional<InetAddress> literal = IpLiterals.parse(host);
        List<InetAddress> addresses = literal.isPresent() ? List.of(literal.get()) : lookup.lookup(host);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = policy.refusal(host, address);
            if (refusal.isPresent()) {
                throw new AddressRefused(refusal.get());
            }
        }
        return addresses;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        List<InetSocketAddress> vetted;
        try {
            vetted = vet(host).stream().map(address -> new InetSocketAddress(address, port)).toList();
        } catch (Exception refusedOrUnknown) {
            promise.failed(refusedOrUnknown);
            return;
        }
        promise.succeeded(vetted);
    }
}
