package io.kiln.dialect.convertapi;

/** An answer in ConvertAPI's error shape, thrown where the dialect itself refuses a request. */
final class ConvertApiFailure extends RuntimeException {

    private final ConvertApiError error;

    ConvertApiFailure(ConvertApiError error) {
        super(error.message());
        this.error = error;
    }

    ConvertApiError error() {
        return error;
    }

    /** A parameter with a value Kiln cannot accept: 400, code 4000, named in {@code InvalidParameters}. */
    static ConvertApiFailure invalid(String parameter, String why) {
        return new ConvertApiFailure(ConvertApiError.invalidParameter(parameter, why));
    }
}
