package io.kiln.engine.html.chromium;

/** The address rules refused a host a page asked for; the message is the sentence a client may read. */
final class EgressRefused extends Exception {
    EgressRefused(String sentence) {
        super(sentence);
    }
}
