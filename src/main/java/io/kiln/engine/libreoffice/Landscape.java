package io.kiln.engine.libreoffice;

import com.sun.star.beans.XPropertySet;
import com.sun.star.container.XNameAccess;
import com.sun.star.lang.XComponent;
import com.sun.star.style.XStyleFamiliesSupplier;
import com.sun.star.uno.AnyConverter;
import com.sun.star.uno.UnoRuntime;

/** The {@code landscape} option: turns every page style of a text or spreadsheet document to landscape. */
final class Landscape {

    private Landscape() {
    }

    static void apply(XComponent doc) throws com.sun.star.uno.Exception {
        XStyleFamiliesSupplier families = UnoRuntime.queryInterface(XStyleFamiliesSupplier.class, doc);
        if (families == null) {
            return;
        }
        XNameAccess pageStyles = UnoRuntime.queryInterface(XNameAccess.class,
                families.getStyleFamilies().getByName("PageStyles"));
        for (String name : pageStyles.getElementNames()) {
            XPropertySet style = UnoRuntime.queryInterface(XPropertySet.class, pageStyles.getByName(name));
            int width = AnyConverter.toInt(style.getPropertyValue("Width"));
            int height = AnyConverter.toInt(style.getPropertyValue("Height"));
            style.setPropertyValue("IsLandscape", Boolean.TRUE);
            if (width < height) {
                style.setPropertyValue("Width", height);
                style.setPropertyValue("Height", width);
            }
        }
    }
}
