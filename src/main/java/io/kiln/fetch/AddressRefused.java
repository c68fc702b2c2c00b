package io.kiln.fetch;

import java.io.IOException;

/**
 * The policy refused a host or address. An {@link IOException} so it can travel through Jetty's
 * connection promise; {@link FetchFailures} finds it again in the failure's cause chain.
 */
final class AddressRefused extends IOException {
    AddressRefused(String sentence) {
        super(sentence);
    }
}
