package io.kiln.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations an OpenAPI 3 document describes, with every local {@code $ref} resolved. Strict
 * where a fuzzer depends on the document being right: a {@code required} that is not a boolean, or a
 * path parameter the template and the list disagree on, is an error in the document, not a guess.
 */
final class OpenApiOperations {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    private OpenApiOperations() {
    }

    static List<Operation> of(String dialect, JsonNode doc) {
        List<Operation> ops = new ArrayList<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(m -> {
            if (METHODS.contains(m.getKey())) {
                ops.add(operation(dialect, doc, path.getKey(), m.getKey(), path.getValue(), m.getValue()));
            }
        }));
        if (ops.isEmpty()) {
            throw new IllegalArgumentException(dialect + ": the document describes no operation");
        }
        return ops;
    }

    private static Operation operation(String dialect, JsonNode doc, String path, String method, JsonNode pathItem,
                                       JsonNode op) {
        String where = method.toUpperCase() + " " + path;
        List<Operation.Parameter> params = new ArrayList<>();
        for (JsonNode list : List.of(pathItem.path("parameters"), op.path("parameters"))) {
            for (JsonNode p : list) {
                JsonNode param = resolved(doc, p);
                JsonNode required = param.path("required");
                if (!required.isMissingNode() && !required.isBoolean()) {
                    throw new IllegalArgumentException(where + ": parameter '" + param.path("name").asText()
                            + "' has required: " + required + " (OpenAPI wants true or false)");
                }
                params.add(new Operation.Parameter(param.path("name").asText(), param.path("in").asText(),
                        required.asBoolean(false), resolved(doc, param.path("schema"))));
            }
        }
        Matcher m = TEMPLATE.matcher(path);
        while (m.find()) {
            String name = m.group(1);
            if (params.stream().noneMatch(p -> p.in().equals("path") && p.name().equals(name))) {
                throw new IllegalArgumentException(where + ": path parameter '" + name + "' is not described");
            }
        }
        Map<String, JsonNode> bodies = new LinkedHashMap<>();
        resolved(doc, op.path("requestBody")).path("content").properties()
                .forEach(c -> bodies.put(c.getKey(), resolved(doc, c.getValue().path("schema"))));
        return new Operation(dialect, method.toUpperCase(), path, List.copyOf(params), bodies);
    }

    /** {@code node} with its {@code $ref}s (to {@code #/...} in the same document) replaced by what they point at. */
    static JsonNode resolved(JsonNode doc, JsonNode node) {
        return resolved(doc, node, 0);
    }

    /** @param hops the {@code $ref}s followed to get here: a cycle of them would never end */
    private static JsonNode resolved(JsonNode doc, JsonNode node, int hops) {
        if (hops > 32) {
            throw new IllegalArgumentException("more than 32 $refs in a row (a cycle?)");
        }
        if (node.isObject() && node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local $refs are read, not " + ref);
            }
            JsonNode target = doc.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalArgumentException("$ref " + ref + " points at nothing");
            }
            return resolved(doc, target, hops + 1);
        }
        if (node.isObject()) {
            ObjectNode copy = node.deepCopy();
            node.properties().forEach(e -> copy.set(e.getKey(), resolved(doc, e.getValue(), hops)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = node.deepCopy();
            for (int i = 0; i < node.size(); i++) {
                copy.set(i, resolved(doc, node.get(i), hops));
            }
            return copy;
        }
        return node;
    }
}
