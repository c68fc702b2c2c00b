package io.kiln.dialect.pdfco;

import io.kiln.job.Caller;
import io.kiln.job.CreditAccounts;

/**
 * PDF.co's {@code remainingCredits}: the key's balance. A key without one is unlimited and reports
 * {@link #UNLIMITED}, not nothing: typed PDF.co clients read a missing number as 0, an empty account.
 */
final class RemainingCredits {

    /** The largest count every client's integer type holds. */
    static final long UNLIMITED = Integer.MAX_VALUE;

    private final CreditAccounts accounts;

    RemainingCredits(CreditAccounts accounts) {
        this.accounts = accounts;
    }

    long of(Caller caller) {
        return accounts.balance(caller.keyId()).map(CreditAccounts.Balance::remaining).orElse(UNLIMITED);
    }
}
