package io.kiln.job;

import io.kiln.db.Sql;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Per-key credit balances. The keys file grants a key its credits; what jobs used is kept here, and
 * charged in the transaction that ends a job ({@link JdbcJobStore#update}). A key without an
 * account has no limit.
 */
public final class CreditAccounts {

    /** A key's grant and use. */
    public record Balance(long granted, long used) {
        public long remaining() {
            return Math.max(0, granted - used);
        }
    }

    private final Sql sql;
    private final Map<String, Long> known = new ConcurrentHashMap<>();

    public CreditAccounts(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Makes sure the key has an account with this grant (the keys file may have changed it). */
    public void open(String keyId, String tenant, long granted) {
        if (Long.valueOf(granted).equals(known.get(keyId))) {
            return;
        }
        if (sql.update("UPDATE credit_accounts SET granted = ? WHERE key_id = ?", granted, keyId) == 0) {
            if (!sql.insertUnlessPresent("INSERT INTO credit_accounts (key_id, tenant, granted, used) VALUES (?,?,?,0)",
                    keyId, tenant, granted)) {
                sql.update("UPDATE credit_accounts SET granted = ? WHERE key_id = ?", granted, keyId);
            }
        }
        known.put(keyId, granted);
    }

    public Optional<Balance> balance(String keyId) {
        if (keyId == null) {
            return Optional.empty();
        }
        return sql.one("SELECT granted, used FROM credit_accounts WHERE key_id = ?",
                rs -> new Balance(rs.getLong("granted"), rs.getLong("used")), keyId);
    }
}
