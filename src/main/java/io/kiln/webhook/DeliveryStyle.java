package io.kiln.webhook;

import java.util.Locale;

/** How a receiver is called, by the dialect the job came in by (DESIGN §4, §7). */
enum DeliveryStyle {
    /** {@code POST url} with the native job JSON, signed per Standard Webhooks (native API and pdfRest). */
    SIGNED_JOB_JSON,
    /** {@code GET url?JobId={id}}, no body: what ConvertAPI calls. */
    CONVERTAPI_GET,
    /** {@code POST url} with the job-check JSON: what PDF.co's {@code callback} receives. */
    PDFCO_POST;

    static DeliveryStyle of(String dialect) {
        return switch (dialect == null ? "" : dialect.toLowerCase(Locale.ROOT)) {
            case "convertapi" -> CONVERTAPI_GET;
            case "pdfco" -> PDFCO_POST;
            // native, pdfrest, and any dialect added later: the signed native call is the safe default
            default -> SIGNED_JOB_JSON;
        };
    }
}
