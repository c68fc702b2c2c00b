package io.kiln.webhook;

import java.net.URI;
import java.util.Map;

/**
 * One call to make.
 *
 * @param method {@code GET} or {@code POST}
 * @param body the JSON body, or null for none
 * @param headers besides {@code Content-Type}, which a body brings along
 */
record WebhookRequest(String method, URI url, Map<String, String> headers, String body) {

    WebhookRequest {
        headers = Map.copyOf(headers);
    }
}
