package io.kiln.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.kiln.job.Caller;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v1/account}: the caller's tenant and the credits of its key (used and remaining). */
public final class AccountRoute {

    private final ApiContext api;

    public AccountRoute(ApiContext api) {
        this.api = api;
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/account", this::account);
    }

    private void account(Context ctx) {
        Caller caller = api.auth().caller(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", caller.tenant());
        body.put("keyId", caller.keyId());
        body.put("credits", api.jobs().credits().balance(caller.keyId())
                .<Object>map(b -> Map.of("granted", b.granted(), "used", b.used(), "remaining", b.remaining()))
                .orElse(null));
        body.put("unlimited", api.jobs().credits().balance(caller.keyId()).isEmpty());
        ctx.json(body);
    }
}
