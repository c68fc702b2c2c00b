package io.kiln.dialect.pdfrest;

import io.javalin.http.Context;
import io.kiln.api.Auth;
import io.kiln.job.Caller;
import java.util.Optional;

/** pdfRest's key, from {@code Api-Key}, else {@code Authorization: Bearer} (or Kiln's other forms). */
final class PdfRestKeys {

    private PdfRestKeys() {
    }

    /** The key presented, if any. */
    static Optional<String> presented(Context ctx) {
        String key = ctx.header("Api-Key");
        return Optional.ofNullable(key != null && !key.isBlank() ? key : Auth.presentedKey(ctx)).filter(k -> !k.isBlank());
    }

    static Caller caller(Auth auth, Context ctx) {
        return auth.caller(ctx, presented(ctx).orElse(null));
    }
}
