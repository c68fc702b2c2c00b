package io.kiln.engine.pdf;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;

/** The per-task page limit (DESIGN §8). */
public final class PageLimit {

    private PageLimit() {
    }

    public static void check(int pages, int maxPages) {
        if (pages > maxPages) {
            throw new ConversionFailed(ErrorCode.TOO_MANY_PAGES,
                    "The document has " + pages + " pages; the limit is " + maxPages + ".");
        }
    }
}
