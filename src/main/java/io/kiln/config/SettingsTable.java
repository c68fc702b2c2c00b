package io.kiln.config;

/**
 * Every setting as a Markdown table (flag, environment twin, default, meaning), written from
 * {@link Setting} itself: {@code docs/operations.md} holds a copy that a test keeps equal.
 */
public final class SettingsTable {

    private SettingsTable() {
    }

    public static String markdown() {
        StringBuilder sb = new StringBuilder("| flag | environment | default | what it sets |\n| --- | --- | --- | --- |\n");
        for (Setting s : Setting.values()) {
            sb.append("| `").append(s.flag()).append("` | `").append(s.env()).append("` | ")
                    .append(s.defaultValue().isEmpty() ? "" : "`" + s.defaultValue() + "`").append(" | ")
                    .append(s.description().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }
}
