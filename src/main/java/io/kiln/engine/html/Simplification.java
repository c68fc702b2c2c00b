package io.kiln.engine.html;

import org.jsoup.nodes.Document;

/**
 * How far a page is simplified before openhtmltopdf lays it out again, after its layout failed on the
 * page as written (it has bugs with some nested floats and positioned boxes). Tried in order; the
 * client gets the content in a plainer layout rather than no PDF.
 */
enum Simplification {
    /** The page as written. */
    NONE {
        @Override
        void apply(Document page) {
            // nothing
        }
    },
    /** Floats and absolute positions flattened into the normal flow. */
    NO_FLOATS {
        @Override
        void apply(Document page) {
            page.head().appendElement("style").appendText(
                    "body * { float: none !important; position: static !important; }");
        }
    },
    /** None of the page's own styles: only the browser defaults and the print options. */
    NO_PAGE_STYLES {
        @Override
        void apply(Document page) {
            page.select("style, link[rel~=(?i)stylesheet]").remove();
            page.select("[style]").forEach(e -> e.removeAttr("style"));
        }
    };

    abstract void apply(Document page);
}
