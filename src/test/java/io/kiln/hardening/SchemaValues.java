package io.kiln.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Values that fit a JSON schema, preferring what works in this run: a {@link KnownValues known}
 * value, else the schema's {@code example}, first {@code enum} member or {@code default}, else one
 * made for its type and bounds. An object gets its required properties and the optional ones that
 * have one of these better than a guess, so that a valid-shaped request is a cheap, accepted one.
 */
final class SchemaValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final KnownValues known;

    SchemaValues(KnownValues known) {
        this.known = known;
    }

    /**
     * A value for a parameter or body member, or empty for an optional one with nothing better than a guess.
     *
     * @param media the body's media type, or null for a parameter
     */
    Optional<JsonNode> fitting(Operation op, String media, String name, JsonNode schema, boolean required,
                               RandomGenerator r) {
        Optional<String> real = known.of(op, media, name);
        if (real.isPresent() && real.get().isEmpty() && !required) {
            return Optional.empty(); // known to be best left out
        }
        Optional<JsonNode> chosen = real.<JsonNode>map(NODES::textNode).or(() -> declared(schema).map(v -> filled(op, v)));
        return chosen.isPresent() || !required ? chosen : Optional.of(made(op, media, schema, r));
    }

    private static Optional<JsonNode> declared(JsonNode schema) {
        for (String field : new String[] {"example", "const", "default"}) {
            if (schema.has(field)) {
                return Optional.of(schema.get(field));
            }
        }
        if (schema.path("examples").isArray() && !schema.get("examples").isEmpty()) {
            return Optional.of(schema.get("examples").get(0));
        }
        return schema.path("enum").isArray() && !schema.get("enum").isEmpty()
                ? Optional.of(schema.get("enum").get(0)) : Optional.empty();
    }

    /**
     * A declared value with the run's real values put in: a string {@code "{name}"} anywhere in it
     * stands for the known value of that name (a route table's example cannot know this run's ids).
     */
    private JsonNode filled(Operation op, JsonNode value) {
        if (value.isTextual() && value.asText().matches("\\{[A-Za-z][\\w-]*}")) {
            String name = value.asText().substring(1, value.asText().length() - 1);
            return NODES.textNode(known.of(op, null, name).orElseThrow(() ->
                    new IllegalStateException(op + ": no known value for " + value)));
        }
        JsonNode copy = value.deepCopy();
        if (copy instanceof ObjectNode o) {
            value.properties().forEach(e -> o.set(e.getKey(), filled(op, e.getValue())));
        } else if (copy instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, filled(op, value.get(i)));
            }
        }
        return copy;
    }

    /** One value made for the schema's type. */
    JsonNode made(Operation op, String media, JsonNode schema, RandomGenerator r) {
        return switch (type(schema)) {
            case "integer" -> NODES.numberNode(schema.path("minimum").asLong(1) + r.nextInt(3));
            case "number" -> NODES.numberNode(schema.path("minimum").asDouble(1) + r.nextInt(3));
            case "boolean" -> NODES.booleanNode(r.nextBoolean());
            case "array" -> {
                ArrayNode a = NODES.arrayNode();
                a.add(fitting(op, media, "", schema.path("items"), true, r).orElseThrow());
                yield a;
            }
            case "object" -> object(op, media, schema, r);
            default -> NODES.textNode(schema.path("format").asText().equals("uuid") ? UUID.randomUUID().toString()
                    : "v" + Integer.toString(r.nextInt(1 << 20), 36));
        };
    }

    /** The required properties, and the optional ones with a known or declared value. */
    ObjectNode object(Operation op, String media, JsonNode schema, RandomGenerator r) {
        ObjectNode o = NODES.objectNode();
        schema.path("properties").properties().forEach(p -> {
            boolean required = isRequired(schema, p.getKey());
            fitting(op, media, p.getKey(), p.getValue(), required, r).ifPresent(v -> o.set(p.getKey(), v));
        });
        return o;
    }

    static boolean isRequired(JsonNode schema, String property) {
        for (JsonNode n : schema.path("required")) {
            if (n.asText().equals(property)) {
                return true;
            }
        }
        return false;
    }

    /** The schema's type; the first non-null one of a list (OpenAPI 3.1), {@code string} when it says none. */
    static String type(JsonNode schema) {
        JsonNode t = schema.path("type");
        if (t.isArray()) {
            for (JsonNode each : t) {
                if (!each.asText().equals("null")) {
                    return each.asText();
                }
            }
        }
        return t.isTextual() ? t.asText() : schema.has("properties") ? "object" : "string";
    }

    /** A file: {@code type: string, format: binary}, as OpenAPI writes an upload. */
    static boolean isFile(JsonNode schema) {
        return type(schema).equals("string") && schema.path("format").asText().equals("binary");
    }

    /** Files: a file, or an array of them. */
    static boolean isFiles(JsonNode schema) {
        return isFile(schema) || type(schema).equals("array") && isFile(schema.path("items"));
    }
}
