package io.kiln.engine.ocr;

import java.util.List;

/** Paragraphs whose words the tests know, one per page, each unlike the others so page order shows. */
final class KnownText {

    static final List<String> PARAGRAPHS = List.of(
            "The quick brown fox jumps over the lazy dog while the farmer watches from the kitchen window. "
                    + "Every morning he walks along the river to count the sheep, and every evening he writes "
                    + "the number in a small green notebook that his grandmother gave him many years ago. "
                    + "Nobody else has ever read what is written there.",
            "Printing presses changed the way people shared knowledge across Europe in the fifteenth century. "
                    + "Books that once took months to copy by hand could now be produced in a few days, and "
                    + "their prices fell so far that merchants, students and craftsmen began to build small "
                    + "libraries of their own.",
            "A good bread needs flour, water, salt and time. The dough rests overnight in a cool room, "
                    + "where slow fermentation develops flavour and strength. In the morning the baker shapes "
                    + "the loaves, lets them rise once more, and bakes them in a very hot oven until the crust "
                    + "is deep brown and crisp.",
            "Mountain weather can change within minutes. Walkers should carry warm clothing, enough water, "
                    + "a map and a compass even on a clear summer day, and they should tell someone where they "
                    + "are going and when they expect to return before they leave the valley.");

    private KnownText() {
    }
}
