package io.kiln.engine.libreoffice;

import com.sun.star.frame.XComponentLoader;
import com.sun.star.frame.XStorable;
import com.sun.star.lang.XComponent;
import com.sun.star.sheet.XSpreadsheetDocument;
import com.sun.star.uno.UnoRuntime;
import com.sun.star.util.CloseVetoException;
import com.sun.star.util.XCloseable;
import io.kiln.engine.Options;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jodconverter.core.office.OfficeContext;
import org.jodconverter.core.office.OfficeException;
import org.jodconverter.core.task.OfficeTask;
import org.jodconverter.local.office.LocalOfficeContext;
import org.jodconverter.local.office.LocalOfficeUtils;

/**
 * One conversion inside an office process: load (safely, see {@link LoadProperties}), adjust
 * (landscape), count pages, store with the target's filter, close. Failures in the document's
 * terms leave as {@link DocumentRejected}; anything else (a lost connection) as it came.
 */
final class OfficeConversion implements OfficeTask {

    private final Path source;
    private final String from;
    private final String to;
    private final Path target;
    private final Options options;
    private final int maxPages;
    private final InteractionAnswers answers = new InteractionAnswers();
    private volatile Integer pageCount;
    private volatile boolean wrongPassword;

    OfficeConversion(Path source, String from, String to, Path target, Options options, int maxPages) {
        this.source = source;
        this.from = from;
        this.to = to;
        this.target = target;
        this.options = options;
        this.maxPages = maxPages;
    }

    @Override
    public void execute(OfficeContext context) throws OfficeException {
        XComponent doc = load(((LocalOfficeContext) context).getComponentLoader());
        try {
            DocumentKind kind = DocumentKind.of(doc).orElseThrow(() -> rejected(ErrorCode.UNSUPPORTED_FORMAT,
                    "LibreOffice opened the " + from + " file as a kind of document Kiln does not convert."));
            String filter = kind.exportFilter(to).orElseThrow(() -> rejected(ErrorCode.UNSUPPORTED_CONVERSION,
                    "LibreOffice opened the " + from + " file as a " + kind.name().toLowerCase()
                            + " document, which cannot be saved as " + to + "."));
            if (options.bool("landscape", false)) {
                Landscape.apply(doc);
            }
            pageCount = kind.pageCount(doc, to);
            if (pageCount != null && pageCount > maxPages) {
                throw rejected(ErrorCode.TOO_MANY_PAGES,
                        "The document has " + pageCount + " pages; the limit is " + maxPages + ".");
            }
            if (to.equals("csv")) {
                checkSheet(doc);
            }
            store(doc, kind, filter);
        } catch (com.sun.star.uno.Exception e) {
            throw new OfficeException("LibreOffice failed while converting " + source, e);
        } finally {
            close(doc);
        }
    }

    private XComponent load(XComponentLoader loader) throws OfficeException {
        Throwable failure = null;
        try {
            XComponent doc = load(loader, options.password(), answers);
            if (doc != null) {
                return doc;
            }
        } catch (com.sun.star.io.IOException | com.sun.star.lang.IllegalArgumentException e) {
            failure = e;
        }
        if (options.password().isPresent() && !answers.passwordAsked()) {
            // some filters (Word 97-2003) fail on a wrong password instead of asking again: whether
            // the document asks for one when given none tells a wrong password from damage
            InteractionAnswers probe = new InteractionAnswers();
            try {
                close(load(loader, java.util.Optional.empty(), probe));
            } catch (com.sun.star.io.IOException | com.sun.star.lang.IllegalArgumentException | RuntimeException e) {
                // the answer is in what it asked
            }
            wrongPassword = probe.passwordAsked();
        }
        throw OfficeFailures.unreadable(this, failure);
    }

    private XComponent load(XComponentLoader loader, java.util.Optional<String> password, InteractionAnswers handler)
            throws com.sun.star.io.IOException, com.sun.star.lang.IllegalArgumentException {
        return loader.loadComponentFromURL(LocalOfficeUtils.toUrl(source.toFile()), "_blank", 0,
                LocalOfficeUtils.toUnoProperties(LoadProperties.forSource(from, to, password, handler)));
    }

    private void store(XComponent doc, DocumentKind kind, String filter) throws OfficeException {
        try {
            UnoRuntime.queryInterface(XStorable.class, doc).storeToURL(LocalOfficeUtils.toUrl(target.toFile()),
                    LocalOfficeUtils.toUnoProperties(ExportProperties.forTarget(kind, to, filter, options)));
            if (to.equals("csv")) {
                claimCsv();
            }
        } catch (com.sun.star.io.IOException e) {
            throw rejected(ErrorCode.ENGINE_FAILED, "LibreOffice could not write the " + to + " file.", e);
        }
    }

    /** The {@code sheet} option must name a sheet the workbook has. */
    private void checkSheet(XComponent doc) throws DocumentRejected {
        int sheet = options.integer("sheet", 1);
        int sheets = UnoRuntime.queryInterface(XSpreadsheetDocument.class, doc).getSheets().getElementNames().length;
        if (sheet > sheets) {
            throw rejected(ErrorCode.INVALID_OPTION, "sheet: the workbook has " + sheets + " sheet(s), so there is no sheet "
                    + sheet + ".");
        }
    }

    /**
     * LibreOffice names a CSV written from one chosen sheet {@code <name>-<sheet name>.csv}; this
     * moves it to the name asked for.
     */
    private void claimCsv() throws OfficeException {
        if (Files.exists(target)) {
            return;
        }
        String stem = target.getFileName().toString().replaceFirst("\\.csv$", "");
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            Path written = siblings.filter(p -> p.getFileName().toString().startsWith(stem + "-")
                    && p.getFileName().toString().endsWith(".csv")).findFirst()
                    .orElseThrow(() -> rejected(ErrorCode.ENGINE_FAILED, "LibreOffice wrote no csv file."));
            Files.move(written, target);
        } catch (IOException e) {
            throw rejected(ErrorCode.ENGINE_FAILED, "LibreOffice's csv file could not be renamed.", e);
        }
    }

    private static void close(XComponent doc) {
        if (doc == null) {
            return;
        }
        XCloseable closeable = UnoRuntime.queryInterface(XCloseable.class, doc);
        try {
            if (closeable != null) {
                closeable.close(true);
            } else {
                doc.dispose();
            }
        } catch (CloseVetoException | RuntimeException e) {
            // the process is replaced if it is in trouble; a document left open costs only memory
        }
    }

    static DocumentRejected rejected(ErrorCode code, String message) {
        return rejected(code, message, null);
    }

    static DocumentRejected rejected(ErrorCode code, String message, Throwable cause) {
        return new DocumentRejected(new ConversionFailed(code, message, cause));
    }

    Path source() {
        return source;
    }

    String from() {
        return from;
    }

    boolean passwordGiven() {
        return options.password().isPresent();
    }

    /** Whether LibreOffice asked for a password (so the document is encrypted), now or when probed. */
    boolean passwordAsked() {
        return answers.passwordAsked() || wrongPassword;
    }

    InteractionAnswers answers() {
        return answers;
    }

    /** The page count LibreOffice reported, or null. */
    Integer pageCount() {
        return pageCount;
    }
}
