package io.kiln.engine.libreoffice;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Hands out loopback ports for office processes: free ones, from a first port up, none twice. */
final class FreePorts {

    private static final int LAST_PORT = 65_535;

    private final int first;
    private final Set<Integer> taken = new HashSet<>();

    FreePorts(int first) {
        this.first = first;
    }

    /** A port nobody listens on and this pool does not use. */
    synchronized int take() {
        for (int port = first; port <= LAST_PORT; port++) {
            if (!taken.contains(port) && canBind(port)) {
                taken.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port from " + first + " up");
    }

    synchronized void give(int port) {
        taken.remove(port);
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
