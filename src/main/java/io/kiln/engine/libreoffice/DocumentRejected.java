package io.kiln.engine.libreoffice;

import io.kiln.error.ConversionFailed;
import org.jodconverter.core.office.OfficeException;

/** Carries a failure in the document's terms out of a JODConverter task (which may throw only this family). */
final class DocumentRejected extends OfficeException {

    private final transient ConversionFailed failure;

    DocumentRejected(ConversionFailed failure) {
        super(failure.getMessage(), failure.getCause());
        this.failure = failure;
    }

    ConversionFailed failure() {
        return failure;
    }
}
