package io.kiln.dialect.pdfco;

import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v1/pdf/security/add} parameters as Kiln's {@code protect} options. Sources: PDF.co's samples
 * (pdf-co-api-samples, "PDF Password And Security") send {@code ownerPassword}, {@code userPassword},
 * {@code encryptionAlgorithm}, {@code allowPrintDocument}, ...; PDF.co's own MCP server (pdfdotco/pdfco-mcp,
 * tools/apis/security.py) sends the same names capitalised ({@code EncryptionAlgorithm},
 * {@code AllowPrintDocument}) and documents every permission as false unless given, and
 * {@code AES_256bit} as the default cipher. Both spellings are read. {@code AllowAccessibilitySupport}
 * is read and left on whatever it says: Kiln always lets assistive technology extract text, as PDF 2.0
 * asks.
 */
final class SecurityParams {

    /** PDF.co's permission flags and the Kiln option each one sets. */
    private static final Map<String, String> PERMISSIONS = Map.of(
            "AllowPrintDocument", "allowPrint",
            "AllowContentExtraction", "allowCopy",
            "AllowModifyDocument", "allowModify",
            "AllowAssemblyDocument", "allowAssemble",
            "AllowModifyAnnotations", "allowAnnotate",
            "AllowFillForms", "allowFillForms");

    private SecurityParams() {
    }

    static Map<String, String> options(PdfCoParams params) {
        Map<String, String> o = new LinkedHashMap<>();
        either(params, "ownerPassword").ifPresent(p -> o.put("ownerPassword", p));
        either(params, "userPassword").ifPresent(p -> o.put("userPassword", p));
        PERMISSIONS.forEach((name, option) -> o.put(option, String.valueOf(flag(params, name))));
        either(params, "PrintQuality").ifPresent(q -> {
            switch (q.toLowerCase(Locale.ROOT)) {
                case "highresolution" -> { }
                case "lowresolution" -> o.put("allowPrintHighQuality", "false");
                default -> throw new RequestRejected(ErrorCode.INVALID_OPTION,
                        "PrintQuality must be HighResolution or LowResolution");
            }
        });
        o.put("algorithm", algorithm(either(params, "EncryptionAlgorithm").orElse("AES_256bit")));
        return o;
    }

    private static String algorithm(String pdfCo) {
        return switch (pdfCo.toUpperCase(Locale.ROOT)) {
            case "AES_256BIT" -> "aes-256";
            case "AES_128BIT" -> "aes-128";
            case "RC4_40BIT", "RC4_128BIT" -> throw new RequestRejected(ErrorCode.INVALID_OPTION,
                    "EncryptionAlgorithm " + pdfCo + ": RC4 is broken and Kiln does not write it; use AES_128bit or AES_256bit");
            default -> throw new RequestRejected(ErrorCode.INVALID_OPTION,
                    "EncryptionAlgorithm must be AES_128bit or AES_256bit (RC4_40bit and RC4_128bit are not offered)");
        };
    }

    private static boolean flag(PdfCoParams params, String name) {
        return params.text(name).isPresent() ? params.flag(name) : params.flag(lowerFirst(name));
    }

    /** The value under PDF.co's capitalised name or its samples' camel-case one. */
    private static Optional<String> either(PdfCoParams params, String name) {
        String upper = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return params.text(upper).or(() -> params.text(lowerFirst(name)));
    }

    private static String lowerFirst(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
