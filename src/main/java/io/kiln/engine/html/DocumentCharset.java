package io.kiln.engine.html;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The character set of an HTML file's bytes. Declarations lie (a page saved in windows-1256 that says
 * UTF-8), so the bytes are trusted first: a byte-order mark, then text that is valid UTF-8 (which
 * text in another encoding almost never is), then the page's own declaration, then ICU's guess.
 */
final class DocumentCharset {

    private static final int DECLARATION_WINDOW = 4096;
    private static final Pattern DECLARED = Pattern.compile("(?i)<meta[^>]+charset\\s*=\\s*[\"']?([a-z0-9_.:-]+)");
    /** ICU's confidence (0–100) below which its guess is no better than the common default. */
    private static final int MIN_CONFIDENCE = 10;
    private static final Charset FALLBACK = Charset.forName("windows-1252");

    private DocumentCharset() {
    }

    static Charset of(byte[] bytes) {
        if (startsWith(bytes, 0xef, 0xbb, 0xbf) || isUtf8(bytes)) {
            return StandardCharsets.UTF_8;
        }
        if (startsWith(bytes, 0xfe, 0xff)) {
            return StandardCharsets.UTF_16BE;
        }
        if (startsWith(bytes, 0xff, 0xfe)) {
            return StandardCharsets.UTF_16LE;
        }
        Optional<Charset> declared = declared(bytes).filter(c -> !c.equals(StandardCharsets.UTF_8));
        if (declared.isPresent()) {
            return declared.get();
        }
        CharsetDetector detector = new CharsetDetector();
        detector.enableInputFilter(true);
        detector.setText(bytes);
        CharsetMatch match = detector.detect();
        if (match != null && match.getConfidence() >= MIN_CONFIDENCE) {
            try {
                return Charset.forName(match.getName());
            } catch (IllegalArgumentException e) {
                // a name Java does not know: fall through
            }
        }
        return FALLBACK;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static Optional<Charset> declared(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, DECLARATION_WINDOW), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED.matcher(head);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            // as browsers do: a page that says latin-1 is read as its superset windows-1252
            Charset c = Charset.forName(m.group(1));
            return Optional.of(c.equals(StandardCharsets.ISO_8859_1) || c.equals(StandardCharsets.US_ASCII) ? FALLBACK : c);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
