package io.kiln.app;

import io.kiln.api.Tenants;
import io.kiln.auth.ApiKeys;
import io.kiln.auth.DatabaseKeys;
import io.kiln.auth.Principal;
import io.kiln.auth.RequestWindows;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.job.Caller;
import io.kiln.job.CreditAccounts;
import java.util.Optional;

/**
 * The API's view of the keys: this node's keys file first, then the database's keys, which every
 * node sharing the database honours. A key that carries credits gets (or updates) its account; a
 * key with a rate limit has its request counted, and is refused 429 over it.
 */
final class KeyTenants implements Tenants {

    private final ApiKeys fileKeys;
    private final DatabaseKeys databaseKeys;
    private final CreditAccounts credits;
    private final RequestWindows requests;

    KeyTenants(ApiKeys fileKeys, DatabaseKeys databaseKeys, CreditAccounts credits, RequestWindows requests) {
        this.fileKeys = fileKeys;
        this.databaseKeys = databaseKeys;
        this.credits = credits;
        this.requests = requests;
    }

    @Override
    public boolean open() {
        return fileKeys.isEmpty() && databaseKeys.isEmpty();
    }

    @Override
    public Optional<Caller> callerFor(String key) {
        return fileKeys.authenticate(key).or(() -> databaseKeys.authenticate(key)).map(p -> {
            refuseOverRate(p);
            p.credits().ifPresent(granted -> credits.open(p.keyId(), p.tenant(), granted));
            return new Caller(p.tenant(), p.keyId(), p.limits().concurrentJobs(), p.limits().uploadBytes());
        });
    }

    private void refuseOverRate(Principal p) {
        p.limits().requestsPerSecond().ifPresent(limit -> {
            if (!requests.admit(p.keyId(), limit)) {
                throw new RequestRejected(ErrorCode.RATE_LIMITED,
                        "this API key may make " + limit + " request(s) a second; wait before asking again");
            }
        });
    }
}
