package io.kiln.api;

import io.javalin.http.Context;
import io.kiln.auth.KeyHash;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.job.Caller;

/** Finds the caller's tenant from {@code Authorization: Bearer}, {@code X-API-Key} or {@code ?Secret=}. */
public final class Auth {

    private static final String MEMO = "kiln.caller:";

    private final Tenants tenants;

    public Auth(Tenants tenants) {
        this.tenants = tenants;
    }

    /** @throws RequestRejected {@code unauthorized} when keys are configured and none valid was sent */
    public String tenant(Context ctx) {
        return caller(ctx).tenant();
    }

    /** The calling tenant and key, from the key the request presents in any accepted form. */
    public Caller caller(Context ctx) {
        return caller(ctx, presentedKey(ctx));
    }

    /**
     * The caller for a key found by a dialect in its own place (a form field, a JSON member); the
     * tenant is noted for the request's access-log line.
     */
    public Caller caller(Context ctx, String key) {
        // a handler may ask twice; the key's request is counted against its rate limit once
        String memo = MEMO + (key == null ? "" : KeyHash.of(key.trim()));
        Caller known = ctx.attribute(memo);
        if (known != null) {
            return known;
        }
        Caller caller = caller(key).withRequestId(RequestIds.of(ctx));
        refuseLargerUpload(ctx, caller);
        ctx.attribute(memo, caller);
        AccessLog.tenant(ctx, caller.tenant());
        return caller;
    }

    /**
     * A key's upload limit, checked against the declared length: 413 rather than 429, because
     * waiting will not make the same body smaller. A chunked body, declaring none, meets the
     * server's own limit only.
     */
    private static void refuseLargerUpload(Context ctx, Caller caller) {
        long length = ctx.req().getContentLengthLong();
        if (caller.uploadBytes().isPresent() && length > caller.uploadBytes().getAsLong()) {
            throw new RequestRejected(ErrorCode.PAYLOAD_TOO_LARGE, "this API key may upload at most "
                    + caller.uploadBytes().getAsLong() + " bytes a request");
        }
    }

    private Caller caller(String key) {
        if (tenants.open()) {
            return Caller.of(Tenants.PUBLIC);
        }
        if (key == null || key.isBlank()) {
            throw new RequestRejected(ErrorCode.UNAUTHORIZED, "an API key is required (Authorization: Bearer KEY)");
        }
        return tenants.callerFor(key.trim()).orElseThrow(() ->
                new RequestRejected(ErrorCode.UNAUTHORIZED, "the API key is not valid"));
    }

    public static String presentedKey(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        String header = ctx.header("X-API-Key");
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        for (String name : new String[] {"Secret", "secret", "Token", "token"}) {
            String q = ctx.queryParam(name);
            if (q != null && !q.isBlank()) {
                return q.trim();
            }
        }
        return null;
    }
}
