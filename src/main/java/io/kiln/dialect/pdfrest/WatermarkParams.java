package io.kiln.dialect.pdfrest;

import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /watermarked-pdf}'s parameters as options of Kiln's {@code watermark}. pdfRest's defaults
 * (its reference, §POST /watermarked-pdf) differ from Kiln's (48 pt grey at 45°, 0.3 opaque), so
 * each is passed explicitly: the result looks as it would from pdfRest.
 */
final class WatermarkParams {

    static final String TEXT_SIZE = "72";
    static final String COLOR_RGB = "0,0,0";
    static final String OPACITY = "0.5";
    static final String ROTATION = "0";
    static final String ALIGNMENT = "center";

    private static final Set<String> HORIZONTAL = Set.of("left", "center", "right");
    private static final Set<String> VERTICAL = Set.of("top", "center", "bottom");

    private WatermarkParams() {
    }

    static Map<String, String> options(PdfRestParams p) {
        if (p.has("watermark_file") || p.has("watermark_file_id")) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST,
                    "only text watermarks are supported: send watermark_text (watermark_file and watermark_file_id are not)");
        }
        for (String offset : new String[] {"x", "y"}) {
            if (p.text(offset).filter(v -> !v.equals("0")).isPresent()) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION, offset + " offsets are not supported; use the alignments");
            }
        }
        Map<String, String> o = new LinkedHashMap<>();
        o.put("text", p.required("watermark_text"));
        o.put("fontSize", p.text("text_size").orElse(TEXT_SIZE));
        o.put("color", p.text("text_color_cmyk").map(WatermarkParams::cmyk)
                .orElseGet(() -> rgb(p.text("text_color_rgb").orElse(COLOR_RGB))));
        o.put("opacity", p.text("opacity").orElse(OPACITY));
        o.put("rotation", p.text("rotation").orElse(ROTATION));
        o.put("position", position(p.text("vertical_alignment").orElse(ALIGNMENT),
                p.text("horizontal_alignment").orElse(ALIGNMENT)));
        o.put("margin", "0"); // pdfRest's offsets run from the page's edge
        p.text("pages").ifPresent(pages -> o.put("pages", PdfRestPages.toKiln("pages", pages)));
        if (p.flag("behind_page", false)) {
            o.put("layer", "under");
        }
        return o;
    }

    /** Kiln's placement name: {@code top-left}, {@code top}, {@code center}, ... */
    static String position(String vertical, String horizontal) {
        String v = vertical.toLowerCase(Locale.ROOT);
        String h = horizontal.toLowerCase(Locale.ROOT);
        if (!VERTICAL.contains(v)) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, "vertical_alignment must be top, center or bottom");
        }
        if (!HORIZONTAL.contains(h)) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, "horizontal_alignment must be left, center or right");
        }
        if (v.equals("center")) {
            return h;
        }
        return h.equals("center") ? v : v + "-" + h;
    }

    /** {@code "R,G,B"} (0-255 each) as {@code #RRGGBB}. */
    static String rgb(String spec) {
        int[] c = components("text_color_rgb", spec, 3, 255);
        return String.format(Locale.ROOT, "#%02X%02X%02X", c[0], c[1], c[2]);
    }

    /** {@code "C,M,Y,K"} (0-100 each) as {@code #RRGGBB}, by the naive conversion (no colour profile). */
    static String cmyk(String spec) {
        int[] c = components("text_color_cmyk", spec, 4, 100);
        int[] rgb = new int[3];
        for (int i = 0; i < 3; i++) {
            rgb[i] = (int) Math.round(255 * (1 - c[i] / 100.0) * (1 - c[3] / 100.0));
        }
        return String.format(Locale.ROOT, "#%02X%02X%02X", rgb[0], rgb[1], rgb[2]);
    }

    private static int[] components(String name, String spec, int count, int max) {
        String[] parts = spec.split(",");
        int[] out = new int[count];
        try {
            if (parts.length != count) {
                throw new NumberFormatException();
            }
            for (int i = 0; i < count; i++) {
                out[i] = Integer.parseInt(parts[i].trim());
                if (out[i] < 0 || out[i] > max) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION,
                    name + " must be " + count + " whole numbers from 0 to " + max + ", e.g. " + (count == 3 ? "255,0,0" : "0,100,100,0"));
        }
        return out;
    }
}
