/**
 * The {@code qpdf} engine: what the qpdf program does better than PDFBox, run as a separate process
 * under a bounded number of runs at once and the task's time limit. Today: {@code pdf → linearize}.
 */
package io.kiln.engine.qpdf;
