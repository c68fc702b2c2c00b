package io.kiln.engine;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Reading the text of PDF pages by looking at them (OCR), for an engine that extracts text and meets
 * pages that have none (scans). An OCR engine provides it; the composition root hands it to the
 * engines that need it, so they share that engine's limits rather than run recognisers of their own.
 */
public interface PageTextRecognition {

    /** Whether pages can be recognised now, and why not when they cannot. */
    Availability availability();

    /** The options that tune recognition ({@code lang}, {@code dpi}, {@code psm}), as the OCR engine declares them. */
    List<OptionSpec> options();

    /**
     * The recognised text of each of {@code pages} (0-based indices of {@code doc}), in the order given,
     * read with the task's options, within its time limit, and stopped when the thread is interrupted.
     *
     * @throws ConversionFailed {@code engine_unavailable} when nothing can recognise, {@code invalid_option},
     *     {@code timeout}, or the engine's failure
     */
    List<String> recognise(PDDocument doc, List<Integer> pages, ConversionTask task) throws InterruptedException;

    /** No recogniser: asking fails with {@code engine_unavailable}, saying {@code why}. */
    static PageTextRecognition none(String why) {
        return new PageTextRecognition() {
            @Override
            public Availability availability() {
                return Availability.unavailable(why);
            }

            @Override
            public List<OptionSpec> options() {
                return List.of();
            }

            @Override
            public List<String> recognise(PDDocument doc, List<Integer> pages, ConversionTask task) {
                throw new ConversionFailed(ErrorCode.ENGINE_UNAVAILABLE, why);
            }
        };
    }
}
