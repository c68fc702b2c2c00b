package io.kiln.dialect.pdfco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;

/**
 * PDF.co's {@code profiles} parameter: a JSON object written as its samples write it, single quotes,
 * unquoted names and comments allowed ({@code "{'UsePatch': true, 'PatchColor': '#000000'}"}).
 */
final class Profiles {

    private static final ObjectMapper LENIENT = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES)
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES);

    private Profiles() {
    }

    /** The object, or a 400 naming {@code profiles}. */
    static JsonNode parse(String profiles) {
        JsonNode p;
        try {
            p = LENIENT.readTree(profiles);
        } catch (JsonProcessingException e) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, "profiles is not a JSON object: " + e.getOriginalMessage());
        }
        if (p == null || !p.isObject()) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, "profiles must be a JSON object");
        }
        return p;
    }
}
