package io.kiln.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to its addresses; replaceable so tests can play DNS tricks. */
@FunctionalInterface
public interface NameLookup {

    List<InetAddress> lookup(String host) throws UnknownHostException;

    /** The operating system's resolver. */
    static NameLookup system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
