package io.kiln.dialect.convertapi;

import io.javalin.http.Context;
import io.kiln.api.Auth;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.job.Caller;
import java.util.Optional;

/** The caller from {@code Authorization: Bearer}, or a {@code Secret} / {@code Token} parameter in any place and case. */
final class ConvertApiAuth {

    /** ConvertAPI's code for a call that carried no secret or token at all. */
    static final int NO_CREDENTIALS = 4013;

    private final Auth auth;

    ConvertApiAuth(Auth auth) {
        this.auth = auth;
    }

    Caller caller(Context ctx, Parameters params) {
        String key = Optional.ofNullable(Auth.presentedKey(ctx))
                .or(() -> params.text("secret")).or(() -> params.text("token")).orElse(null);
        try {
            return auth.caller(ctx, key);
        } catch (RequestRejected e) {
            if (e.code() != ErrorCode.UNAUTHORIZED) {
                throw e;
            }
            throw new ConvertApiFailure(key == null
                    ? ConvertApiError.of(401, NO_CREDENTIALS, "User credentials not set, secret or token must be passed.")
                    : ConvertApiError.of(401, 4010, "Invalid user credentials: the secret is not valid."));
        }
    }

    /** For requests whose body is not a form: parameters from the query only. */
    Caller caller(Context ctx) {
        return caller(ctx, queryOnly(ctx));
    }

    static Parameters queryOnly(Context ctx) {
        Parameters p = new Parameters();
        ctx.queryParamMap().forEach((k, vs) -> vs.forEach(v -> p.addText(k, v)));
        return p;
    }
}
