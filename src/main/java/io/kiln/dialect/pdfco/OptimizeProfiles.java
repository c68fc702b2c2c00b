package io.kiln.dialect.pdfco;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /v1/pdf/optimize}'s {@code profiles} ({@link Profiles}; names from {@code pdf-co-api-samples},
 * "PDF Optimization API / Advanced Optimize PDF From URL": {@code ImageOptimizationFormat}, {@code JPEGQuality}, {@code ResampleImages},
 * {@code ResamplingResolution}, {@code GrayscaleImages}). Kiln takes the quality and the resolution;
 * {@code ResampleImages: false} keeps images at their resolution. The others are not Kiln's to honour
 * (it picks JPEG or lossless per image, and keeps colour).
 */
final class OptimizeProfiles {

    /** The highest resolution Kiln's compress takes: no image is drawn that fine, so none is resampled. */
    private static final String NO_RESAMPLING = "1200";

    private OptimizeProfiles() {
    }

    static Map<String, String> options(String profiles) {
        JsonNode p = Profiles.parse(profiles);
        Map<String, String> options = new LinkedHashMap<>();
        if (p.hasNonNull("JPEGQuality")) {
            options.put("quality", p.get("JPEGQuality").asText());
        }
        if (p.path("ResampleImages").isBoolean() && !p.get("ResampleImages").asBoolean()) {
            options.put("dpi", NO_RESAMPLING);
        } else if (p.hasNonNull("ResamplingResolution")) {
            options.put("dpi", p.get("ResamplingResolution").asText());
        }
        return options;
    }
}
