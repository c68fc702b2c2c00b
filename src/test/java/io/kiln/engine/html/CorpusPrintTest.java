package io.kiln.engine.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.engine.ProducedFile;
import io.kiln.testing.Corpus;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every HTML and Markdown file of the corpus prints, on a sensible number of pages, with real glyphs:
 * a distinctive phrase of each (Chinese, Japanese, Arabic and Hebrew ones too) comes back out of the
 * PDF's text.
 */
class CorpusPrintTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            html/factorio-tables.html             | html | 8  | 30  | Friday Facts #282 - 0.17 in sight
            html/hukumusume-ja.html               | html | 2  | 8   | 肉をくわえたイヌが、橋を渡っていました。
            html/ietf-draft.html                  | html | 20 | 80  | Internet-Drafts are draft documents valid for a maximum of six months
            html/lorem-ipsum.htm                  | html | 2  | 8   | Pellentesque habitant morbi tristique
            html/mathjax.html                     | html | 1  | 8   | The Cauchy-Schwarz Inequality
            html/qq-news-zh.html                  | html | 3  | 30  | DeepMind称，DNC还可以帮你规划从沼泽门到皮卡迪利广场的最佳路线。
            html/test-invoice.html                | html | 1  | 1   | Hosenträger 2 Stück 9,99 € 19,98 €
            html/test-unicode-all.html            | html | 10 | 40  | Български
            html/testArabicMisleadingCharset.html | html | 1  | 2   | اللغة العربية هي واحدة من أكثر اللغات انتشارا
            html/testHTML_embedded_img.html       | html | 1  | 1   | some other content
            html/utf8.html                        | html | 6  | 25  | Sîne klâwen durh die wolken sint
            html/wikipedia-2.html                 | html | 50 | 200 | Official languages
            html/wikipedia-mozilla.html           | html | 15 | 60  | Eich CEO promotion controversy
            md/commonmark-README.md               | md   | 2  | 8   | It exports an array
            md/commonmark-spec.md                 | md   | 80 | 250 | List item one continued with a second paragraph
            md/free-programming-books-README.md   | md   | 2  | 10  | How To Share
            md/free-programming-books-ar.md       | md   | 2  | 6   | احترف الأردوينو
            md/free-programming-books-he.md       | md   | 1  | 2   | מערכות הפעלה
            md/free-programming-books-zh.md       | md   | 8  | 30  | 正则表达式
            md/pdfCabinetOfHorrors-readme.md      | md   | 1  | 4   | contains embedded Javascript
            md/testMARKDOWN.md                    | md   | 1  | 1   | Café naïve résumé
            """)
    void printsWithItsText(String file, String from, int minPages, int maxPages, String phrase) throws Exception {
        ProducedFile pdf = HtmlTasks.pdf(work, from, Map.of(), Corpus.file(file));
        try (PDDocument doc = HtmlTasks.open(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(pdf.pageCount()).isBetween(minPages, maxPages);
        }
        assertThat(flat(HtmlTasks.text(pdf))).contains(flat(phrase));
    }

    private static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
