package io.kiln.engine.html;

import com.openhtmltopdf.bidi.BidiSplitterFactory;
import com.openhtmltopdf.extend.FSTextBreaker;
import com.openhtmltopdf.pdfboxout.PageSupplier;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Places inside openhtmltopdf where an abandoned render notices its thread was interrupted: the bidi
 * splitter, made for every paragraph before layout; the line breaker, called throughout layout; and
 * the page supplier, called for every page printed. openhtmltopdf itself never checks; the renderer
 * also checks between its own steps.
 */
final class Interruptible {

    /** Thrown on the render's own thread to unwind it; nobody waits for it any more. */
    static final class RenderAbandoned extends RuntimeException {
        RenderAbandoned() {
            super("render abandoned", null, false, false);
        }
    }

    private Interruptible() {
    }

    static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new RenderAbandoned();
        }
    }

    /** Whether {@code e} (or what caused it) is the unwinding of an abandoned render. */
    static boolean abandoned(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RenderAbandoned) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    static BidiSplitterFactory bidiSplitter(BidiSplitterFactory delegate) {
        return () -> {
            check();
            return delegate.createBidiSplitter();
        };
    }

    static FSTextBreaker lineBreaker(FSTextBreaker delegate) {
        return new FSTextBreaker() {
            @Override
            public int next() {
                check();
                return delegate.next();
            }

            @Override
            public void setText(String text) {
                check();
                delegate.setText(text);
            }
        };
    }

    /** New pages as openhtmltopdf makes them, checking first. */
    static final PageSupplier PAGES = (PDDocument doc, float width, float height, int number, int shadow) -> {
        check();
        PDPage page = new PDPage(new PDRectangle(width, height));
        doc.addPage(page);
        return page;
    };
}
