package io.kiln.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Makes an operation's requests from its description: the valid-shaped one (every parameter and
 * body member that is required or has a value known to work), or that one with one part made
 * hostile — a path parameter, the query (by the query parameters' schemas), a header parameter, the
 * body (by its media type: {@link JsonBodyMutations}, {@link FormMutations}, {@link UrlFormMutations},
 * or raw bytes), its content type, headers no operation describes ({@link HeaderMutations}), or the method. Deterministic for
 * a given random generator: a seed and a case number repeat a request.
 */
final class CaseGenerator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SchemaValues values;
    private final HostileValues hostile;
    private final JsonBodyMutations json;
    private final FormMutations forms;
    private final UrlFormMutations pairs;
    private final byte[] pdf;
    private final String pdfName;

    CaseGenerator(KnownValues known, byte[] pdf, String pdfName) {
        this.values = new SchemaValues(known);
        this.hostile = new HostileValues(known);
        this.json = new JsonBodyMutations(hostile);
        this.forms = new FormMutations(hostile);
        this.pairs = new UrlFormMutations(hostile);
        this.pdf = pdf;
        this.pdfName = pdfName;
    }

    /** The request under construction. */
    private static final class Draft {
        final Map<String, String> path = new LinkedHashMap<>();
        final List<String> query = new ArrayList<>();
        final List<FuzzCase.Header> headers = new ArrayList<>();
        String method;
        String contentType;
        JsonNode bodySchema = NODES.objectNode();
        JsonNode json;
        FormBody form;
        List<String> pairs;
        byte[] raw;
        boolean anyShape;
        boolean typeReplaced;
    }

    FuzzCase make(Operation op, int index, boolean mutate, RandomGenerator r) {
        Draft d = new Draft();
        d.method = op.method();
        for (Operation.Parameter p : op.in("path")) {
            d.path.put(p.name(), encode(text(values.fitting(op, null, p.name(), p.schema(), true, r).orElseThrow())));
        }
        for (Operation.Parameter p : op.in("query")) {
            values.fitting(op, null, p.name(), p.schema(), p.required(), r)
                    .ifPresent(v -> d.query.add(encode(p.name()) + "=" + encode(text(v))));
        }
        for (Operation.Parameter p : op.in("header")) {
            values.fitting(op, null, p.name(), p.schema(), p.required(), r)
                    .ifPresent(v -> d.headers.add(new FuzzCase.Header(p.name(), wire(text(v)))));
        }
        if (!op.bodies().isEmpty()) {
            String media = HostileValues.pick(r, new ArrayList<>(op.bodies().keySet()));
            validBody(op, d, media, op.bodies().get(media), r);
        }
        String mutation = mutate ? mutate(op, d, r) : "valid";
        return render(op, index, mutation, d);
    }

    private void validBody(Operation op, Draft d, String media, JsonNode schema, RandomGenerator r) {
        d.contentType = media;
        d.bodySchema = schema;
        if (media.contains("json")) {
            d.json = values.fitting(op, media, "", schema, true, r).orElseThrow();
        } else if (media.startsWith("multipart/")) {
            d.form = new FormBody();
            schema.path("properties").properties().forEach(p -> {
                if (SchemaValues.isFiles(p.getValue())) {
                    d.form.parts.add(FormBody.Part.file(p.getKey(), pdfName, pdf));
                } else {
                    values.fitting(op, media, p.getKey(), p.getValue(), SchemaValues.isRequired(schema, p.getKey()), r)
                            .ifPresent(v -> d.form.parts.add(FormBody.Part.field(p.getKey(), text(v))));
                }
            });
        } else if (media.equals("application/x-www-form-urlencoded")) {
            d.pairs = new ArrayList<>();
            schema.path("properties").properties().forEach(p -> values.fitting(op, media, p.getKey(), p.getValue(),
                    SchemaValues.isRequired(schema, p.getKey()) && !SchemaValues.isFiles(p.getValue()), r)
                    .ifPresent(v -> d.pairs.add(encode(p.getKey()) + "=" + encode(text(v)))));
        } else {
            d.raw = pdf;
        }
    }

    private String mutate(Operation op, Draft d, RandomGenerator r) {
        List<String> targets = new ArrayList<>();
        op.in("path").forEach(p -> targets.addAll(List.of("path " + p.name(), "path " + p.name(), "path " + p.name())));
        targets.addAll(List.of("query", "query"));
        op.in("query").forEach(p -> targets.add("query"));
        op.in("header").forEach(p -> targets.add("header " + p.name()));
        targets.addAll(List.of("headers", "method"));
        if (d.contentType != null) {
            targets.addAll(List.of("body", "body", "body", "body", "body", "body", "content type", "content type"));
        } else {
            targets.add("unexpected body");
        }
        String target = HostileValues.pick(r, targets);
        if (target.startsWith("path ")) {
            String name = target.substring(5);
            HostileValues.Hostile h = hostile.against(op.in("path").stream()
                    .filter(p -> p.name().equals(name)).findFirst().orElseThrow().schema(), r);
            String segment = h.value().isNull() ? "" : h.verbatim() ? h.text() : encode(h.text());
            d.path.put(name, segment);
            String lower = segment.toLowerCase(Locale.ROOT);
            d.anyShape = h.verbatim() || h.kind().equals("control characters") || segment.isEmpty()
                    || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%2e");
            return "path " + name + ": " + h.kind();
        }
        if (target.equals("query")) {
            ObjectNode schema = NODES.objectNode();
            ObjectNode props = schema.putObject("properties");
            op.in("query").forEach(p -> props.set(p.name(), p.schema()));
            return "query " + pairs.apply(d.query, schema, r);
        }
        if (target.startsWith("header ")) {
            String name = target.substring(7);
            HostileValues.Hostile h = name.equalsIgnoreCase("Content-Disposition") && r.nextBoolean() ? hostile.disposition(r)
                    : hostile.against(op.in("header").stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow()
                    .schema(), r);
            d.headers.removeIf(x -> x.name().equals(name));
            d.headers.add(new FuzzCase.Header(name, h.value().isNull() ? "" : wire(h.text())));
            return "header " + name + ": " + h.kind();
        }
        return switch (target) {
            case "headers" -> "headers: " + HeaderMutations.add(d.headers, r);
            case "method" -> {
                d.method = HostileValues.pick(r, List.of("PUT", "PATCH", "OPTIONS", "TRACE", "FOO", op.method().toLowerCase()));
                yield "method " + d.method;
            }
            case "body" -> body(d, r);
            case "content type" -> {
                String type = HostileValues.pick(r, java.util.Arrays.asList("text/plain", "application/xml", null,
                        "multipart/form-data", "application/json; charset=bogus", "application/json; charset=utf-16",
                        "application/x-www-form-urlencoded", "application/json", "*/*", "@@@", "multipart/mixed; boundary=x",
                        "multipart/form-data; boundary=\"" + "b".repeat(200) + "\""));
                String was = d.form != null ? d.form.contentType() : d.contentType;
                d.contentType = type; // the same bytes under another type
                d.typeReplaced = true;
                yield "content type " + type + " for a body of " + was;
            }
            default -> {
                d.contentType = HostileValues.pick(r, List.of("application/json", "application/octet-stream"));
                d.raw = d.contentType.equals("application/json") ? "{\"to\":\"pdf\",\"a\":[1,2,3]}".getBytes(StandardCharsets.UTF_8)
                        : new byte[64 * 1024];
                yield "unexpected body, " + d.contentType;
            }
        };
    }

    private String body(Draft d, RandomGenerator r) {
        if (d.json != null) {
            JsonBodyMutations.Mutated m = json.apply(d.json, d.bodySchema, r);
            d.json = null;
            d.raw = m.bytes();
            return "body " + m.mutation();
        }
        if (d.form != null) {
            return "body " + forms.apply(d.form, d.bodySchema, r);
        }
        if (d.pairs != null) {
            return "body " + pairs.apply(d.pairs, d.bodySchema, r);
        }
        byte[] noise = new byte[4096];
        r.nextBytes(noise);
        byte[][] contents = {new byte[0], java.util.Arrays.copyOf(pdf, 300), "not a document".getBytes(StandardCharsets.UTF_8),
                new byte[1 << 20], noise};
        int which = r.nextInt(contents.length);
        d.raw = contents[which];
        return "body " + List.of("empty", "a cut PDF", "text", "1 MiB of zeros", "random bytes").get(which);
    }

    private static FuzzCase render(Operation op, int index, String mutation, Draft d) {
        String path = op.path();
        for (var e : d.path.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", e.getValue());
        }
        String target = d.query.isEmpty() ? path : path + "?" + String.join("&", d.query);
        byte[] body = d.raw != null ? d.raw : d.json != null ? JsonBodyMutations.json(d.json).getBytes(StandardCharsets.UTF_8)
                : d.form != null ? d.form.bytes() : d.pairs != null ? String.join("&", d.pairs).getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        String type = d.form != null && !d.typeReplaced ? d.form.contentType() : d.contentType;
        List<FuzzCase.Header> headers = new ArrayList<>();
        if (type != null) {
            headers.add(new FuzzCase.Header("Content-Type", type));
        }
        headers.addAll(d.headers);
        // past 8 KiB the request line is not read at all (414), nor its path
        return new FuzzCase(op, index, mutation, d.method, target, headers, body, d.anyShape || target.length() > 8_000);
    }

    private static String text(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }

    /** A header value as wire bytes: line breaks made spaces (they would end the header), non-ASCII as raw UTF-8. */
    private static String wire(String value) {
        String flat = value.replace('\r', ' ').replace('\n', ' ');
        return new String(flat.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String encode(String s) {
        return UrlFormMutations.encode(s);
    }
}
