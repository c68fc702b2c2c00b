package io.kiln.engine.html;

import com.openhtmltopdf.extend.FSStream;
import com.openhtmltopdf.extend.FSStreamFactory;
import com.openhtmltopdf.swing.NaiveUserAgent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The streams openhtmltopdf reads a page's resources from: a request's files, data URIs, or nothing. */
final class Streams {

    /** No content: what every refused address gets. */
    static final FSStream NONE = new FSStream() {
        @Override
        public InputStream getStream() {
            return null;
        }

        @Override
        public Reader getReader() {
            return null;
        }
    };

    /** Serves nothing, for the schemes that must never be fetched (http, https, file, jar, ...). */
    static final FSStreamFactory REFUSE = uri -> NONE;

    private Streams() {
    }

    /** A request's file, unless it is an image over the pixel limit. */
    static FSStream of(Path file, PixelLimit limit) {
        try {
            return checked(Files.readAllBytes(file), limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code data:} URIs, decoded as openhtmltopdf does, under the same pixel limit. */
    static FSStreamFactory dataUris(PixelLimit limit) {
        FSStreamFactory decoder = new NaiveUserAgent.DataUriFactory();
        return uri -> {
            try (InputStream in = decoder.getUrl(uri).getStream()) {
                return in == null ? NONE : checked(in.readAllBytes(), limit);
            } catch (IOException | IllegalArgumentException e) {
                return NONE;
            }
        };
    }

    private static FSStream checked(byte[] content, PixelLimit limit) {
        return limit.allows(content) ? bytes(content) : NONE;
    }

    private static FSStream bytes(byte[] content) {
        return new FSStream() {
            @Override
            public InputStream getStream() {
                return new ByteArrayInputStream(content);
            }

            @Override
            public Reader getReader() {
                // stylesheets: UTF-8, without the byte-order mark the CSS parser would trip on
                boolean bom = content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb
                        && (content[2] & 0xff) == 0xbf;
                return new InputStreamReader(new ByteArrayInputStream(content, bom ? 3 : 0, content.length),
                        StandardCharsets.UTF_8);
            }
        };
    }
}
