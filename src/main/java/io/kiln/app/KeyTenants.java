package io.kiln.app;

import io.kiln.api.Tenants;
import io.kiln.auth.ApiKeys;
import io.kiln.auth.Principal;
import java.util.Optional;

/** The API's view of the keys file. */
final class KeyTenants implements Tenants {

    private final ApiKeys keys;

    KeyTenants(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean open() {
        return keys.isEmpty();
    }

    @Override
    public Optional<String> tenantFor(String key) {
        return keys.authenticate(key).map(Principal::tenant);
    }
}
