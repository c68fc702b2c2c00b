package io.kiln.dialect.pdfco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /v1/pdf/optimize}'s {@code profiles}: a JSON object, single quotes and comments allowed as
 * PDF.co's samples write it ({@code pdf-co-api-samples}, "PDF Optimization API / Advanced Optimize
 * PDF From URL": {@code ImageOptimizationFormat}, {@code JPEGQuality}, {@code ResampleImages},
 * {@code ResamplingResolution}, {@code GrayscaleImages}). Kiln takes the quality and the resolution;
 * {@code ResampleImages: false} keeps images at their resolution. The others are not Kiln's to honour
 * (it picks JPEG or lossless per image, and keeps colour).
 */
final class OptimizeProfiles {

    private static final ObjectMapper LENIENT = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES)
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES);
    /** The highest resolution Kiln's compress takes: no image is drawn that fine, so none is resampled. */
    private static final String NO_RESAMPLING = "1200";

    private OptimizeProfiles() {
    }

    static Map<String, String> options(String profiles) {
        JsonNode p;
        try {
            p = LENIENT.readTree(profiles);
        } catch (JsonProcessingException e) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, "profiles is not a JSON object: " + e.getOriginalMessage());
        }
        if (p == null || !p.isObject()) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, "profiles must be a JSON object");
        }
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
