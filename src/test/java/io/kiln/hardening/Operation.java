package io.kiln.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One operation of an API description — a method on a path template — with what it takes: its
 * parameters and, by media type, the schema of its request body. {@code dialect} names whose error
 * shape its refusals must be in.
 */
record Operation(String dialect, String method, String path, List<Parameter> parameters, Map<String, JsonNode> bodies) {

    /** A path, query or header parameter; {@code in} is OpenAPI's word for where it goes. */
    record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    List<Parameter> in(String where) {
        return parameters.stream().filter(p -> p.in().equals(where)).toList();
    }

    @Override
    public String toString() {
        return dialect + " " + method + " " + path;
    }
}
