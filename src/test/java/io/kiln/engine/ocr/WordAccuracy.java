package io.kiln.engine.ocr;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How much of a known text OCR got back: the share of the original's words that appear in the
 * recognised text in the same order (the longest common subsequence of the two word lists, over the
 * number of original words). Words are compared lower-cased with punctuation removed, so a lost
 * comma costs nothing and a misread letter costs its word.
 */
final class WordAccuracy {

    private WordAccuracy() {
    }

    static double of(String original, String recognised) {
        List<String> expected = words(original);
        List<String> actual = words(recognised);
        return expected.isEmpty() ? 1.0 : (double) commonInOrder(expected, actual) / expected.size();
    }

    static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("\\s+"))
                .map(w -> w.replaceAll("[^\\p{L}\\p{N}]", ""))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    private static int commonInOrder(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (String word : a) {
            for (int j = 1; j <= b.size(); j++) {
                current[j] = word.equals(b.get(j - 1)) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }
}
