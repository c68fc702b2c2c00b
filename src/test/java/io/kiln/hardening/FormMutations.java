package io.kiln.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Hostile multipart bodies made from a valid one, in place: a field given a hostile value or bytes
 * that are not UTF-8, a required part or the file missing, file names with traversal, NUL or 10,000
 * characters, file content that is no document, parts of the wrong kind, thousands of parts, and the
 * structure broken (cut short, another boundary, none, a part without a head).
 */
final class FormMutations {

    private final HostileValues hostile;

    FormMutations(HostileValues hostile) {
        this.hostile = hostile;
    }

    /** Mutates {@code form} (valid for {@code schema}) and says how. */
    String apply(FormBody form, JsonNode schema, RandomGenerator r) {
        List<FormBody.Part> fields = form.parts.stream().filter(p -> !p.isFile()).toList();
        List<FormBody.Part> files = form.parts.stream().filter(FormBody.Part::isFile).toList();
        switch (r.nextInt(13)) {
            case 0, 1 -> {
                String name = !fields.isEmpty() && r.nextBoolean() ? HostileValues.pick(r, fields).name() : property(schema, r);
                HostileValues.Hostile h = hostile.against(schema.path("properties").path(name), r);
                replace(form, name, FormBody.Part.field(name, h.text()));
                return "field '" + name + "': " + h.kind();
            }
            case 2 -> {
                String name = property(schema, r);
                replace(form, name, new FormBody.Part("Content-Disposition: form-data; name=\"" + name + "\"",
                        new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', (byte) 0xC3, 0x28}));
                return "field '" + name + "': not UTF-8";
            }
            case 3 -> {
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(n -> required.add(n.asText()));
                String gone = required.isEmpty() ? property(schema, r) : HostileValues.pick(r, required);
                form.parts.removeIf(p -> p.name().equals(gone));
                return (required.contains(gone) ? "required part missing: " : "part missing: ") + gone;
            }
            case 4, 5 -> {
                String name = HostileValues.pick(r, HostileValues.FILE_NAMES);
                if (r.nextInt(4) == 0) {
                    name = "x".repeat(10_000) + ".pdf";
                }
                rename(form, files, "filename=\"" + name + "\"");
                return "file name " + (name.length() > 40 ? name.length() + " characters" : "'" + name + "'");
            }
            case 6 -> {
                String star = HostileValues.pick(r, List.of("filename*=UTF-8''%zz", "filename*=UTF-8''..%2F..%2Fetc%2Fpasswd",
                        "filename*=UTF-8''%00.pdf", "filename*=bogus''a.pdf", "filename*=UTF-8''%C0%AE%C0%AE"));
                rename(form, files, star);
                return "file name " + star;
            }
            case 7 -> {
                byte[][] contents = {new byte[0], "hello".getBytes(StandardCharsets.UTF_8), random(r, 4096),
                        "%PDF-1.7\n%garbage".getBytes(StandardCharsets.ISO_8859_1), {'P', 'K', 3, 4, 0, 0}};
                int which = r.nextInt(contents.length);
                String file = files.isEmpty() ? "file" : files.getFirst().name();
                // a name whose extension is all the server has to go on, when the content tells nothing
                String name = r.nextBoolean() ? "doc.pdf" : "doc." + "x".repeat(60);
                replace(form, file, FormBody.Part.file(file, name, contents[which]));
                return "file content: " + List.of("empty", "text", "random bytes", "a PDF header only", "a zip header").get(which)
                        + ", named " + (name.length() > 10 ? "with a 60-letter extension" : name);
            }
            case 8 -> {
                if (r.nextBoolean() && !fields.isEmpty()) {
                    FormBody.Part f = HostileValues.pick(r, fields);
                    replace(form, f.name(), FormBody.Part.file(f.name(), "field.txt", f.content()));
                    return "field '" + f.name() + "' sent as a file";
                }
                String file = files.isEmpty() ? "file" : files.getFirst().name();
                replace(form, file, FormBody.Part.field(file, "%PDF-1.4 not a file part"));
                return "file '" + file + "' sent as a field";
            }
            case 9 -> {
                String name = HostileValues.pick(r, List.of("zzz-unknown", "__proto__", "", "a\"b", "x".repeat(5_000)));
                form.parts.add(FormBody.Part.field(name, "1"));
                return "unknown field " + (name.length() > 40 ? name.length() + " characters" : "'" + name + "'");
            }
            case 10 -> {
                if (files.isEmpty() || r.nextBoolean()) {
                    for (int i = 0; i < 2_000; i++) {
                        form.parts.add(FormBody.Part.field("f" + i, Integer.toString(i)));
                    }
                    return "2,000 more fields";
                }
                for (int i = 0; i < 4; i++) {
                    form.parts.add(files.getFirst());
                }
                return "the file part 5 times";
            }
            default -> {
                return broken(form, r);
            }
        }
    }

    private static String broken(FormBody form, RandomGenerator r) {
        switch (r.nextInt(6)) {
            case 0 -> {
                form.closed = false;
                if (!form.parts.isEmpty()) {
                    FormBody.Part last = form.parts.removeLast();
                    form.parts.add(new FormBody.Part(last.head(), java.util.Arrays.copyOf(last.content(), last.content().length / 2)));
                }
                return "cut short";
            }
            case 1 -> {
                form.announced = "another-boundary";
                return "another boundary announced";
            }
            case 2 -> {
                form.announced = null;
                return "no boundary announced";
            }
            case 3 -> {
                form.parts.add(0, new FormBody.Part("", "headless".getBytes(StandardCharsets.UTF_8)));
                return "a part without a head";
            }
            case 4 -> {
                form.parts.add(0, new FormBody.Part("Content-Disposition: form-data", "nameless".getBytes(StandardCharsets.UTF_8)));
                return "a part without a name";
            }
            default -> {
                form.parts.add(0, new FormBody.Part("Content-Disposition: form-data; name=\"h\"\r\nX-Long: " + "h".repeat(20_000),
                        "1".getBytes(StandardCharsets.UTF_8)));
                return "a part head of 20 KB";
            }
        }
    }

    private static void rename(FormBody form, List<FormBody.Part> files, String disposition) {
        String file = files.isEmpty() ? "file" : files.getFirst().name();
        byte[] content = files.isEmpty() ? "%PDF-1.4".getBytes(StandardCharsets.ISO_8859_1) : files.getFirst().content();
        replace(form, file, new FormBody.Part("Content-Disposition: form-data; name=\"" + file + "\"; " + disposition
                + "\r\nContent-Type: application/pdf", content));
    }

    private static String property(JsonNode schema, RandomGenerator r) {
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "zzz" : HostileValues.pick(r, names);
    }

    /** Puts {@code part} where the first part named {@code name} was, or at the end. */
    private static void replace(FormBody form, String name, FormBody.Part part) {
        for (int i = 0; i < form.parts.size(); i++) {
            if (form.parts.get(i).name().equals(name)) {
                form.parts.set(i, part);
                return;
            }
        }
        form.parts.add(part);
    }

    private static byte[] random(RandomGenerator r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
