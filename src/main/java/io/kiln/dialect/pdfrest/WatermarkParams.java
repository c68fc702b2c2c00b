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
        boolean image = p.has("watermark_file") || p.has("watermark_file_id");
        Map<String, String> o = new LinkedHashMap<>();
        if (image) {
            if (p.has("watermark_text")) {
                throw new RequestRejected(ErrorCode.BAD_REQUEST, "send watermark_text or watermark_file, not both");
            }
        } else {
            o.put("text", p.required("watermark_text"));
            o.put("fontSize", p.text("text_size").orElse(TEXT_SIZE));
            o.put("color", p.text("text_color_cmyk").map(WatermarkParams::cmyk)
                    .orElseGet(() -> rgb(p.text("text_color_rgb").orElse(COLOR_RGB))));
        }
        // pdfRest's x and y shift the mark from where the alignments put it, in points
        p.text("x").ifPresent(x -> o.put("x", x));
        p.text("y").ifPresent(y -> o.put("y", y));
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

    /**
     * {@code /pdf-with-added-image}: the image with its bottom left corner at {@code x}, {@code y}
     * points from the page's bottom left, on the one {@code page} (default 1).
     */
    static Map<String, String> addedImage(PdfRestParams p) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("position", "bottom-left");
        o.put("margin", "0");
        o.put("x", p.text("x").orElse("0"));
        o.put("y", p.text("y").orElse("0"));
        String page = p.text("page").orElse("1");
        if (!page.matches("[1-9]\\d{0,6}")) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, "page must be a page number from 1");
        }
        o.put("pages", page);
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
