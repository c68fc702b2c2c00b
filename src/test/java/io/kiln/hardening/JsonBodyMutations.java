package io.kiln.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kiln.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Hostile JSON bodies made from a valid one: a member (at any depth) given a hostile value, a
 * required one missing, unknown ones added, an array where an object goes, nesting 10,000 deep, bytes
 * that are not UTF-8, text cut short or not quite JSON.
 */
final class JsonBodyMutations {

    /** A mutated body and what was done to it. */
    record Mutated(String mutation, byte[] bytes) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Stands in a serialized body for bytes no JSON writer would write; replaced after writing. */
    private static final String MARK = "kiln-fuzz-mark-5e1f";
    private static final int DEEP = 10_000;

    private final HostileValues hostile;

    JsonBodyMutations(HostileValues hostile) {
        this.hostile = hostile;
    }

    /** A member's place: the object or array holding it, and its name or index. */
    private record Slot(JsonNode container, String field, int index, String pointer) {
        JsonNode value() {
            return container instanceof ObjectNode o ? o.get(field) : container.get(index);
        }

        void set(JsonNode value) {
            if (container instanceof ObjectNode o) {
                o.set(field, value);
            } else {
                ((ArrayNode) container).set(index, value);
            }
        }
    }

    Mutated apply(JsonNode valid, JsonNode schema, RandomGenerator r) {
        JsonNode body = valid.deepCopy();
        List<Slot> slots = new ArrayList<>();
        collect(body, "", slots);
        Slot slot = slots.isEmpty() ? null : HostileValues.pick(r, slots);
        switch (r.nextInt(14)) {
            case 0, 1 -> {
                if (slot == null) {
                    return added(body, "zzz", hostile.any(r).value());
                }
                JsonNode at = slot.container() == body ? schema.path("properties").path(slot.field()) : NODES.objectNode();
                HostileValues.Hostile h = hostile.against(at, r);
                slot.set(h.value());
                return written("member " + slot.pointer() + ": " + h.kind(), body);
            }
            case 2 -> {
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(n -> required.add(n.asText()));
                String gone = !required.isEmpty() ? HostileValues.pick(r, required) : slot == null ? null : slot.field();
                if (gone == null || !(body instanceof ObjectNode o)) {
                    return written("empty object", NODES.objectNode());
                }
                o.remove(gone);
                return written((required.contains(gone) ? "required member missing: " : "member missing: ") + gone, o);
            }
            case 3 -> {
                return added(body, HostileValues.pick(r, List.of("zzz-unknown", "__proto__", "", "constructor",
                        "TO", "to ")), HostileValues.pick(r, List.of(NODES.numberNode(1), NODES.objectNode().put("admin", true))));
            }
            case 4 -> {
                if (slot != null && slot.value() instanceof ObjectNode inner) {
                    slot.set(NODES.arrayNode().add(inner));
                    return written("array for the object " + slot.pointer(), body);
                }
                return written("array for the body object", NODES.arrayNode().add(body));
            }
            case 5 -> {
                return written("body not an object", HostileValues.pick(r, List.of(NODES.arrayNode(), NODES.textNode("{}"),
                        NODES.numberNode(42), NODES.nullNode(), NODES.booleanNode(true))));
            }
            case 6 -> {
                String open = r.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                return new Mutated("body nested " + DEEP + " deep", (open.repeat(DEEP) + "1" + close.repeat(DEEP))
                        .getBytes(StandardCharsets.UTF_8));
            }
            case 7 -> {
                int depth = r.nextBoolean() ? DEEP : 900; // past and under the parser's limit (1,000)
                return substituted("member nested " + depth + " deep", body, slot,
                        ("[".repeat(depth) + "\"x\"" + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8));
            }
            case 8 -> {
                if (r.nextBoolean()) {
                    return added(body, "huge", NODES.textNode("B".repeat(1 << 20)));
                }
                ObjectNode many = body.isObject() ? (ObjectNode) body : NODES.objectNode();
                for (int i = 0; i < 10_000; i++) {
                    many.put("m" + i, i);
                }
                return written("10,000 members", many);
            }
            case 9 -> {
                byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xE9}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
                byte[] pick = bad[r.nextInt(bad.length)];
                byte[] quoted = new byte[pick.length + 2];
                quoted[0] = '"';
                System.arraycopy(pick, 0, quoted, 1, pick.length);
                quoted[quoted.length - 1] = '"';
                return substituted("not UTF-8 in a string", body, slot, quoted);
            }
            case 10 -> {
                String text = json(body);
                return switch (r.nextInt(3)) {
                    case 0 -> new Mutated("encoded UTF-16", text.getBytes(StandardCharsets.UTF_16LE));
                    case 1 -> new Mutated("encoded UTF-32", text.getBytes(java.nio.charset.Charset.forName("UTF-32")));
                    default -> new Mutated("byte-order mark", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                            text.getBytes(StandardCharsets.UTF_8)));
                };
            }
            case 11 -> {
                byte[] whole = json(body).getBytes(StandardCharsets.UTF_8);
                return new Mutated("cut short", java.util.Arrays.copyOf(whole, r.nextInt(Math.max(1, whole.length))));
            }
            case 12 -> {
                String text = json(body);
                String inner = text.length() > 2 ? text.substring(1, text.length() - 1) : "";
                String[][] forms = {
                        {"trailing garbage", text + "}}]]"},
                        {"comments", "/* c */" + text + "// c"},
                        {"single quotes", text.replace('"', '\'')},
                        {"trailing comma", "{" + inner + ",}"},
                        {"duplicate member", "{" + inner + (inner.isEmpty() ? "" : ",") + inner + "}"},
                        {"NaN literal", "{\"n\":NaN" + (inner.isEmpty() ? "" : ",") + inner + "}"},
                        {"5,000-digit number", "{\"n\":" + "9".repeat(5_000) + (inner.isEmpty() ? "" : ",") + inner + "}"},
                        {"lone surrogate escape", "{\"s\":\"\\ud800\"" + (inner.isEmpty() ? "" : ",") + inner + "}"},
                        {"escaped NUL", "{\"s\":\"a\\u0000b\"" + (inner.isEmpty() ? "" : ",") + inner + "}"},
                        {"two documents", text + text}};
                String[] form = forms[r.nextInt(forms.length)];
                return new Mutated(form[0], form[1].getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                return new Mutated("empty body", new byte[0]);
            }
        }
    }

    private static void collect(JsonNode node, String pointer, List<Slot> into) {
        if (node instanceof ObjectNode o) {
            o.properties().forEach(e -> {
                into.add(new Slot(o, e.getKey(), -1, pointer + "/" + e.getKey()));
                collect(e.getValue(), pointer + "/" + e.getKey(), into);
            });
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                into.add(new Slot(a, null, i, pointer + "/" + i));
                collect(a.get(i), pointer + "/" + i, into);
            }
        }
    }

    private static Mutated added(JsonNode body, String name, JsonNode value) {
        ObjectNode o = body.isObject() ? (ObjectNode) body : NODES.objectNode();
        o.set(name, value);
        return written("unknown member '" + name + "'", o);
    }

    /** The body with {@code raw} (bytes no writer makes) as the value at {@code slot}, or as a new member. */
    private static Mutated substituted(String mutation, JsonNode body, Slot slot, byte[] raw) {
        JsonNode target = body;
        if (slot != null) {
            slot.set(NODES.textNode(MARK));
        } else {
            ObjectNode o = body.isObject() ? (ObjectNode) body : NODES.objectNode();
            o.put("zzz", MARK);
            target = o;
        }
        String text = json(target);
        int at = text.indexOf("\"" + MARK + "\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(text.substring(at + MARK.length() + 2).getBytes(StandardCharsets.UTF_8));
        return new Mutated(mutation + (slot == null ? "" : " at " + slot.pointer()), out.toByteArray());
    }

    private static Mutated written(String mutation, JsonNode body) {
        return new Mutated(mutation, json(body).getBytes(StandardCharsets.UTF_8));
    }

    static String json(JsonNode node) {
        try {
            return TestServer.JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
