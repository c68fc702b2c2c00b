package io.kiln.app;

import io.kiln.api.Tenants;
import io.kiln.auth.ApiKeys;
import io.kiln.job.Caller;
import io.kiln.job.CreditAccounts;
import java.util.Optional;

/** The API's view of the keys file; a key that carries credits gets (or updates) its account. */
final class KeyTenants implements Tenants {

    private final ApiKeys keys;
    private final CreditAccounts credits;

    KeyTenants(ApiKeys keys, CreditAccounts credits) {
        this.keys = keys;
        this.credits = credits;
    }

    @Override
    public boolean open() {
        return keys.isEmpty();
    }

    @Override
    public Optional<Caller> callerFor(String key) {
        return keys.authenticate(key).map(p -> {
            p.credits().ifPresent(granted -> credits.open(p.keyId(), p.tenant(), granted));
            return new Caller(p.tenant(), p.keyId());
        });
    }
}
