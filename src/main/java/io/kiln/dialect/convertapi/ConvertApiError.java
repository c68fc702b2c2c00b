package io.kiln.dialect.convertapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error as ConvertAPI answers it: an HTTP status and {@code {"Code", "Message"}}, the four- or
 * five-digit code refining the status (4000 parameter validation, 4010 bad secret, 5001 conversion
 * failed, …), plus {@code InvalidParameters} for a parameter error, which the official clients print.
 */
record ConvertApiError(int status, int code, String message, Map<String, List<String>> invalidParameters) {

    static ConvertApiError of(int status, int code, String message) {
        return new ConvertApiError(status, code, message, Map.of());
    }

    static ConvertApiError invalidParameter(String parameter, String why) {
        return new ConvertApiError(400, 4000, "Parameter validation error.", Map.of(parameter, List.of(why)));
    }

    Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Code", code);
        m.put("Message", message);
        if (!invalidParameters.isEmpty()) {
            m.put("InvalidParameters", invalidParameters);
        }
        return m;
    }
}
