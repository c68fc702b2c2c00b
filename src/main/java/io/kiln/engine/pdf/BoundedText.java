package io.kiln.engine.pdf;

/**
 * A page's text as a regular expression reads it, counting every character it looks at. A pattern
 * that backtracks without end (catastrophic backtracking) is stopped after {@link #MAX_READS} reads
 * instead of holding a worker; a cancelled job stops it too.
 */
final class BoundedText implements CharSequence {

    /** Reads allowed per pattern and page: far above a linear scan of any real page, well under a second. */
    static final long MAX_READS = 50_000_000L;

    /** The pattern read more than {@link #MAX_READS} characters. */
    static final class TooCostly extends RuntimeException {
        TooCostly() {
            super("pattern too costly", null, false, false);
        }
    }

    /** The job was cancelled while the pattern ran. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    private final String text;
    private final long[] reads;

    BoundedText(String text) {
        this(text, new long[1]);
    }

    private BoundedText(String text, long[] reads) {
        this.text = text;
        this.reads = reads;
    }

    @Override
    public char charAt(int index) {
        long n = ++reads[0];
        if (n > MAX_READS) {
            throw new TooCostly();
        }
        if ((n & 0xFFFF) == 0 && Thread.currentThread().isInterrupted()) {
            throw new Cancelled();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.substring(start, end), reads);
    }

    @Override
    public String toString() {
        return text;
    }
}
