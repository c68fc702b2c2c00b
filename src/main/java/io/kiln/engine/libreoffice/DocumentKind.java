package io.kiln.engine.libreoffice;

import com.sun.star.drawing.XDrawPagesSupplier;
import com.sun.star.frame.XModel;
import com.sun.star.lang.XComponent;
import com.sun.star.lang.XServiceInfo;
import com.sun.star.uno.AnyConverter;
import com.sun.star.uno.UnoRuntime;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jodconverter.local.office.utils.Props;

/** The LibreOffice application a document opened in, with the export filter for each target. */
enum DocumentKind {
    TEXT("com.sun.star.text.TextDocument", Set.of("doc", "docx", "odt", "rtf", "txt"), Map.of(
            "pdf", "writer_pdf_Export",
            "docx", "MS Word 2007 XML",
            "odt", "writer8",
            "rtf", "Rich Text Format",
            "txt", "Text (encoded)",
            "html", "HTML (StarWriter)")),
    SPREADSHEET("com.sun.star.sheet.SpreadsheetDocument", Set.of("xls", "xlsx", "ods", "csv"), Map.of(
            "pdf", "calc_pdf_Export",
            "xlsx", "Calc MS Excel 2007 XML",
            "ods", "calc8",
            "csv", "Text - txt - csv (StarCalc)",
            "html", "HTML (StarCalc)")),
    PRESENTATION("com.sun.star.presentation.PresentationDocument", Set.of("ppt", "pptx", "odp"), Map.of(
            "pdf", "impress_pdf_Export",
            "pptx", "Impress MS PowerPoint 2007 XML",
            "odp", "impress8"));

    /** Targets that have no pages of their own; their outputs report no page count. */
    private static final Set<String> PAGELESS = Set.of("txt", "csv", "html");

    final String service;
    final Set<String> sources;
    final Map<String, String> exportFilters;

    DocumentKind(String service, Set<String> sources, Map<String, String> exportFilters) {
        this.service = service;
        this.sources = sources;
        this.exportFilters = exportFilters;
    }

    /** The kind of a loaded document, by the services it supports. */
    static Optional<DocumentKind> of(XComponent doc) {
        XServiceInfo info = UnoRuntime.queryInterface(XServiceInfo.class, doc);
        return info == null ? Optional.empty()
                : Arrays.stream(values()).filter(k -> info.supportsService(k.service)).findFirst();
    }

    Optional<String> exportFilter(String target) {
        return Optional.ofNullable(exportFilters.get(target));
    }

    /**
     * The document's page count as LibreOffice lays it out (Writer: pages; Impress: slides), or null
     * where it has none to tell (Calc) or the target has no pages.
     */
    Integer pageCount(XComponent doc, String target) throws com.sun.star.uno.Exception {
        if (PAGELESS.contains(target)) {
            return null;
        }
        return switch (this) {
            case TEXT -> {
                XModel model = UnoRuntime.queryInterface(XModel.class, doc);
                yield model == null || model.getCurrentController() == null ? null
                        : AnyConverter.toInt(Props.getProperty(model.getCurrentController(), "PageCount"));
            }
            case PRESENTATION -> UnoRuntime.queryInterface(XDrawPagesSupplier.class, doc).getDrawPages().getCount();
            case SPREADSHEET -> null;
        };
    }
}
