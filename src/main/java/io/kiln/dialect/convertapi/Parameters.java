package io.kiln.dialect.convertapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request's ConvertAPI parameters from every place they may be (query, form, JSON), by name
 * without regard to case, as the hosted service treats them. Earlier sources come first.
 */
final class Parameters {

    private static final Pattern INDEXED = Pattern.compile("files\\[(\\d+)]");

    private final Map<String, List<ParameterValue>> values = new LinkedHashMap<>();
    private final Map<String, String> spelling = new LinkedHashMap<>();

    void add(String name, ParameterValue value) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        spelling.putIfAbsent(key, name.trim());
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    void addText(String name, String value) {
        add(name, new ParameterValue.Text(value));
    }

    /** The first non-blank text value of {@code name}. */
    Optional<String> text(String name) {
        return all(name).stream().filter(v -> v instanceof ParameterValue.Text t && !t.value().isBlank())
                .map(v -> ((ParameterValue.Text) v).value().trim()).findFirst();
    }

    List<ParameterValue> all(String name) {
        return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The inputs of {@code Files}: {@code Files[0]}, {@code Files[1]}, … in index order, then plain {@code Files}. */
    List<ParameterValue> files() {
        TreeMap<Integer, List<ParameterValue>> indexed = new TreeMap<>();
        values.forEach((k, v) -> {
            Matcher m = INDEXED.matcher(k);
            if (m.matches()) {
                try {
                    indexed.put(Integer.parseInt(m.group(1)), v);
                } catch (NumberFormatException e) { // digits past int's range: the client's error, not the server's
                    throw ConvertApiFailure.invalid(spelled(k), "the index is larger than " + Integer.MAX_VALUE);
                }
            }
        });
        List<ParameterValue> out = new ArrayList<>();
        indexed.values().forEach(out::addAll);
        out.addAll(all("files"));
        return out;
    }

    /** Every parameter name sent, lower-case, except the {@code Files[n]} family. */
    Set<String> names() {
        Set<String> names = new java.util.LinkedHashSet<>(values.keySet());
        names.removeIf(n -> INDEXED.matcher(n).matches());
        return names;
    }

    /** The name as the client spelled it, for messages. */
    String spelled(String lowerName) {
        return spelling.getOrDefault(lowerName, lowerName);
    }
}
