package io.kiln.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A DNS stub for the test JVM: names under {@code .stub.test} are answered from a script a test
 * sets, each lookup taking the next answer (the last one repeating), so a name can resolve to an
 * allowed address and then to a forbidden one, as in DNS rebinding; every other name goes to the
 * JDK's own resolver. It is a {@link InetAddressResolverProvider} (JEP 418, registered in
 * {@code META-INF/services}) rather than a DNS server on port 53 because the JDK's resolver asks the
 * C library, which asks the servers of {@code /etc/resolv.conf}, and a test must not rewrite that;
 * Kiln's code under test still resolves through {@code InetAddress} as it does in production. The
 * JDK caches answers for 30 s, so the tests run with {@code -Dsun.net.inetaddr.ttl=0} (pom.xml) to
 * let each lookup reach the stub, as a rebinding attacker's zero TTL would.
 */
public final class StubDns extends InetAddressResolverProvider {

    public static final String SUFFIX = ".stub.test";

    private static final Map<String, List<List<InetAddress>>> SCRIPTS = new ConcurrentHashMap<>();
    private static final Map<String, List<List<InetAddress>>> ANSWERED = new ConcurrentHashMap<>();

    /** From now on, lookup n of {@code name} answers {@code answers[n]} (the last one once they run out). */
    @SafeVarargs
    public static void script(String name, List<InetAddress>... answers) {
        if (!name.endsWith(SUFFIX) || answers.length == 0) {
            throw new IllegalArgumentException(name);
        }
        SCRIPTS.put(name, List.of(answers));
        ANSWERED.put(name, new ArrayList<>());
    }

    /** The answers given for {@code name} so far, in order. */
    public static List<List<InetAddress>> answered(String name) {
        synchronized (ANSWERED) {
            return List.copyOf(ANSWERED.getOrDefault(name, List.of()));
        }
    }

    /** Whether the JDK is resolving through this stub (it is not if the provider was not loaded). */
    public static boolean installed() {
        String probe = "probe" + System.nanoTime() + SUFFIX;
        script(probe, List.of(InetAddress.getLoopbackAddress()));
        try {
            return InetAddress.getByName(probe).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                String name = host.toLowerCase(java.util.Locale.ROOT);
                name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
                if (!name.endsWith(SUFFIX)) {
                    return builtin.lookupByName(host, policy);
                }
                List<List<InetAddress>> script = SCRIPTS.get(name);
                if (script == null) {
                    throw new UnknownHostException(host);
                }
                List<InetAddress> answer;
                synchronized (ANSWERED) {
                    List<List<InetAddress>> given = ANSWERED.get(name);
                    answer = script.get(Math.min(given.size(), script.size() - 1));
                    given.add(answer);
                }
                return answer.stream();
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                return builtin.lookupByAddress(addr);
            }
        };
    }

    @Override
    public String name() {
        return "kiln-test-stub-dns";
    }
}
