package io.kiln.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Values that do not fit a schema, or fit it only to hurt: wrong types, nulls, random, empty and
 * huge strings, unicode and control characters, path traversal, numbers no parser likes, ids guessed
 * from real ones, URLs the server must not fetch. Half the time a value is chosen for the schema's
 * type (words for a number, a number for a string, a non-member of an enum), else from any family.
 * URLs name only loopback, {@code file:} and the like: nothing here reaches beyond the machine.
 */
final class HostileValues {

    /**
     * @param kind the family, for the figures and for reading a failure
     * @param verbatim already written for a URL (traversal, percent escapes): not to be percent-encoded again
     */
    record Hostile(String kind, JsonNode value, boolean verbatim) {
        /** The value as a parameter carries it: text as it is, anything else as JSON. */
        String text() {
            return value.isTextual() ? value.asText() : value.toString();
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> UNICODE = List.of("ünïcödé ☃", "日本語のテキスト", "🔥💥🧨👩‍👩‍👧‍👦",
            "\u202Egnp.exe", "a\u0301\u0301\u0301\u0301", "\uFFFF\uFFFE", "\u200B\u200D\uFEFF", "𝕿𝖍𝖊 𝖋𝖚𝖟𝖟", "ﷺ", "İıẞß");
    private static final List<String> CONTROL = List.of("a\u0000b", "\u0007\u0008\u001b[31m", "line\r\nX-Injected: 1",
            "\t", "\u0085\u2028\u2029");
    private static final List<String> TRAVERSAL = List.of("../../etc/passwd", "..\\..\\..\\windows\\win.ini",
            "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "....//....//etc/passwd", "/etc/passwd",
            "..", ".", "%2e%2e", "..;/..;/etc/passwd", "%252e%252e%252fetc", "..%5c..%5cwin.ini");
    private static final List<String> NUMBERS = List.of("-1", "0", "-0", "1.5", "1e309", "-1e309", "NaN", "Infinity",
            "9223372036854775808", "-9223372036854775809", "99999999999999999999999999999", "0x10", "1_000", " 7 ",
            "+5", "٣", "2147483648");
    private static final List<String> INJECTION = List.of("' OR '1'='1", "\"; DROP TABLE jobs; --", "%s%s%s%n",
            "${jndi:ldap://127.0.0.1:9/a}", "{{7*7}}", "<script>alert(1)</script>", "$(id)", "\\", "*", "?#&=");
    private static final List<String> URLS = List.of("http://127.0.0.1:9/", "http://[::1]:9/x", "http://0.0.0.0:9/",
            "file:///etc/passwd", "gopher://127.0.0.1:9/_x", "javascript:alert(1)", "data:text/plain,hi", "http://",
            "//127.0.0.1:9/", "ftp://127.0.0.1:9/f");
    private static final List<String> PERCENT = List.of("%", "%zz", "%u0041", "%C0%AE%C0%AE%2F", "%FF%FE%FD", "%00",
            "%0d%0aX-Injected:%201");

    /** File names no upload should be stored under as they are. */
    static final List<String> FILE_NAMES = List.of("../../etc/passwd", "..\\..\\windows\\win.ini",
            "/etc/passwd", "a\u0000.pdf", "a.pdf\u0000.txt", "", ".", "..", "a\"b.pdf", "a\r\nX-Injected: 1.pdf",
            "con.pdf", "ünï cödé 日本.pdf", "\u202Efdp.exe", "a/../../b.pdf", "%2e%2e%2fetc%2fpasswd", "a;b=c.pdf",
            "a." + "x".repeat(60));

    private final KnownValues known;

    HostileValues(KnownValues known) {
        this.known = known;
    }

    /** A hostile value for something whose schema is {@code schema}. */
    Hostile against(JsonNode schema, RandomGenerator r) {
        return r.nextBoolean() ? forType(schema, r) : any(r);
    }

    private Hostile forType(JsonNode schema, RandomGenerator r) {
        if (schema.path("enum").isArray() && !schema.get("enum").isEmpty() && r.nextBoolean()) {
            String member = schema.get("enum").get(r.nextInt(schema.get("enum").size())).asText();
            return text("not in the enum", pick(r, List.of(member.toUpperCase(Locale.ROOT), member + "x", " " + member,
                    member + "," + member)));
        }
        if (schema.path("format").asText().equals("uuid")) {
            return guessedId(r);
        }
        return switch (SchemaValues.type(schema)) {
            case "integer", "number" -> r.nextBoolean() ? text("number", pick(r, NUMBERS))
                    : new Hostile("wrong type", pick(r, List.of(NODES.textNode("ten"), NODES.booleanNode(true),
                            NODES.objectNode().put("n", 1), NODES.arrayNode().add(1), NODES.numberNode(1.5))), false);
            case "boolean" -> r.nextBoolean() ? text("not a boolean", pick(r, List.of("maybe", "TRUE", "2", "-1", "on",
                    "yes please", "")))
                    : new Hostile("wrong type", pick(r, List.of(NODES.numberNode(2), NODES.objectNode(),
                            NODES.arrayNode().add(true))), false);
            case "object" -> new Hostile("wrong type", pick(r, List.of(NODES.arrayNode().add(NODES.objectNode()),
                    NODES.textNode("{}"), NODES.numberNode(7), NODES.booleanNode(false))), false);
            case "array" -> new Hostile("wrong type", pick(r, List.of(NODES.objectNode().put("0", "a"),
                    NODES.textNode("[]"), NODES.numberNode(3))), false);
            default -> new Hostile("wrong type", pick(r, List.of(NODES.numberNode(12345), NODES.booleanNode(true),
                    NODES.objectNode().put("a", "b"), NODES.arrayNode().add("a").add("b"), NODES.numberNode(-1.5e300))),
                    false);
        };
    }

    /** A value from any family. */
    Hostile any(RandomGenerator r) {
        return switch (r.nextInt(14)) {
            case 13 -> text("random", random(r));
            case 0 -> new Hostile("null", NODES.nullNode(), false);
            case 1 -> text("empty", pick(r, List.of("", " ", "\t \t")));
            case 2 -> r.nextBoolean() ? text("long", pick(r, List.of("x", "é", "%")).repeat(2_000 + r.nextInt(2_000)))
                    : text("long extension", "a." + "x".repeat(40 + r.nextInt(200)));
            case 3 -> text("huge", "A".repeat(100_000));
            case 4 -> text("unicode", pick(r, UNICODE));
            case 5 -> text("control characters", pick(r, CONTROL));
            case 6 -> new Hostile("traversal", NODES.textNode(pick(r, TRAVERSAL)), true);
            case 7 -> text("number", pick(r, NUMBERS));
            case 8 -> guessedId(r);
            case 9 -> text("injection", pick(r, INJECTION));
            case 10 -> text("url", pick(r, URLS));
            case 11 -> new Hostile("percent escapes", NODES.textNode(pick(r, PERCENT)), true);
            default -> text("wrong type", pick(r, List.of("true", "{}", "[]", "null", "1")));
        };
    }

    /** A {@code Content-Disposition} that names a file badly, or cannot be read. */
    Hostile disposition(RandomGenerator r) {
        String name = pick(r, FILE_NAMES).replace("\r\n", " ");
        return text("disposition", pick(r, List.of("attachment; filename=\"" + name + "\"", "attachment; filename=" + name,
                "attachment; filename*=UTF-8''%zz", "attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd",
                "attachment; filename*=UTF-8''%C0%AE%C0%AE%2Fx", "attachment", "inline; filename=", "attachment; filename=\"")));
    }

    /** An id that might exist: a fresh UUID, the nil one, a real id of another kind, a real one altered. */
    Hostile guessedId(RandomGenerator r) {
        List<String> real = known.all().stream().filter(v -> v.length() >= 8 && !v.contains("/")).toList();
        String some = real.isEmpty() ? UUID.randomUUID().toString() : pick(r, real);
        return text("guessed id", switch (r.nextInt(8)) {
            case 0 -> UUID.randomUUID().toString();
            case 1 -> "00000000-0000-0000-0000-000000000000";
            case 2 -> "ffffffff-ffff-ffff-ffff-ffffffffffff";
            case 3 -> some;
            case 4 -> some.toUpperCase(Locale.ROOT);
            case 5 -> some.substring(0, some.length() - 1) + (some.endsWith("0") ? "1" : "0");
            case 6 -> some.substring(0, some.length() - 1);
            default -> pick(r, List.of("1", "0", "-1", "null", "undefined", some + some));
        });
    }

    /** 1 to 64 characters drawn from letters, digits, punctuation and a few beyond ASCII. */
    private static String random(RandomGenerator r) {
        String alphabet = "abcXYZ0189 -_.~!$&'()*+,;=:@/?#[]%\"<>\\^`{|}éß☃😀";
        StringBuilder b = new StringBuilder();
        for (int i = 1 + r.nextInt(64); i > 0; i--) {
            b.appendCodePoint(alphabet.codePoints().skip(r.nextInt((int) alphabet.codePoints().count())).findFirst().orElseThrow());
        }
        return b.toString();
    }

    private static Hostile text(String kind, String value) {
        return new Hostile(kind, NODES.textNode(value), false);
    }

    static <T> T pick(RandomGenerator r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }
}
