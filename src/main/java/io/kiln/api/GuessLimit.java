package io.kiln.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.javalin.http.Context;
import io.kiln.auth.KeyHash;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.time.Duration;
import java.util.Set;

/**
 * Slows a client that keeps naming ids that do not exist: one who is guessing, or is broken. Ids
 * carry 74 random bits ({@code job/OrderedIds}), so guessing is hopeless; the limit keeps a guesser
 * from costing the server (every miss is a database read) and says plainly that something is wrong.
 *
 * <p>Each client — the key it presents, or its address when it presents none (ConvertAPI's key-less
 * polls and downloads, servers without keys) — has a bucket of {@code perMinute} misses, refilled
 * evenly over a minute. A miss is an answer 404, or an answer a dialect documents for an unknown id
 * that is not a 404 (PDF.co's {@code working}), which it reports with {@link #missed}. (A ConvertAPI
 * conversion naming an unknown {@code File} is a 400 not counted: each such guess is a whole
 * conversion request, and the answer for another tenant's file is the same.) While its bucket is empty, every request of that client is
 * answered 429 {@code rate_limited} in its dialect's shape with {@code Retry-After} (refusing only
 * lookups would still answer a guess that hit), except the probes a supervisor makes, which name no
 * id. One node's count: with several nodes a guesser gets each node's share (cluster-wide limits are
 * issue 16's). Behind a reverse proxy every key-less client has the proxy's address, and so one
 * bucket: give such clients keys, or raise the limit.
 */
public final class GuessLimit {

    private static final String MISSED = "kiln.lookup-missed";
    private static final String CLIENT = "kiln.lookup-client";
    /** A bucket untouched for a minute is full again, the same as a new one: forgetting it costs nothing. */
    private static final Duration REFILLED = Duration.ofMinutes(1);
    /** Clients remembered at once; past this the least recent are forgotten (a fresh, full bucket). */
    private static final int MAX_CLIENTS = 100_000;
    /** Answered even to a client over its limit: they name no id, and a supervisor must see the truth. */
    private static final Set<String> PROBES = Set.of("/health", "/ready", "/metrics");

    private final int perMinute;
    private final Tenants tenants;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(REFILLED).maximumSize(MAX_CLIENTS).build();

    /** @param perMinute misses a client may make a minute; 0 is no limit */
    public GuessLimit(int perMinute, Tenants tenants) {
        this.perMinute = perMinute;
        this.tenants = tenants;
    }

    /** Marks this request's answer as one for an id that does not exist, where the answer is not a 404. */
    public static void missed(Context ctx) {
        ctx.attribute(MISSED, Boolean.TRUE);
    }

    /** Before every handler: refuses a client whose bucket is empty. */
    void refuseIfSpent(Context ctx) {
        if (perMinute == 0 || PROBES.contains(ctx.path())) {
            return;
        }
        String client = client(ctx);
        ctx.attribute(CLIENT, client);
        Bucket bucket = buckets.getIfPresent(client);
        if (bucket != null && bucket.getAvailableTokens() < 1) {
            throw new RequestRejected(ErrorCode.RATE_LIMITED, "more than " + perMinute
                    + " requests a minute for ids that do not exist; wait before asking again");
        }
    }

    /** After every handler: counts a miss against the client. */
    void count(Context ctx) {
        String client = ctx.attribute(CLIENT);
        if (client != null && (ctx.statusCode() == 404 || ctx.attribute(MISSED) != null)) {
            buckets.get(client, c -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, REFILLED)).build())
                    .tryConsume(1);
        }
    }

    /** The key's hash (no secret kept in memory; no lookup, which may touch the database), else the address. */
    private String client(Context ctx) {
        String key = tenants.open() ? null : Auth.presentedKey(ctx);
        return key != null ? "key " + KeyHash.of(key) : "address " + ctx.ip();
    }
}
