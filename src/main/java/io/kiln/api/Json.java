package io.kiln.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;

/** The API's one JSON mapper. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a request body; malformed JSON is the client's 400, not a server error. */
    public static JsonNode parse(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new RequestRejected(ErrorCode.MALFORMED_BODY, "the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RequestRejected(ErrorCode.MALFORMED_BODY, "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
