package io.kiln.engine.libreoffice;

import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Words a source document holds, to look for in what was made of it. Text documents: LibreOffice's
 * the text of their XML (docx, xlsx, pptx and ODF; without comments, phonetic guides, field codes
 * and deletions, which are not printed), else LibreOffice's own export of the source (plain
 * text for doc, rtf and txt; CSV of the first sheet for xls). ppt: none known.
 */
final class SourceText {

    private static final Pattern WORD = Pattern.compile("\\p{L}{5,}");
    private static final Pattern TEXT_PARTS = Pattern.compile(
            "word/document\\.xml|xl/sharedStrings\\.xml|ppt/slides/slide\\d+\\.xml|content\\.xml");
    private static final Pattern SKIPPED = Pattern.compile(
            "<w:(instrText|delText)[^>]*>[^<]*</w:\\1>|<text:(tracked-changes|note-citation)[\\s\\S]*?</text:\\2>"
                    + "|<office:annotation[\\s\\S]*?</office:annotation>|<rPh[\\s\\S]*?</rPh>");
    private static final String PARAGRAPH_END = "</(w:p|a:p|text:p|text:h|si|table:table-cell)>|<text:s/>|<text:tab/>";
    private static final int SAMPLE = 20;

    private SourceText() {
    }

    /** Up to {@value #SAMPLE} distinct words of five or more letters, spread over {@code text}. */
    static List<String> words(String text) {
        Set<String> all = new LinkedHashSet<>();
        Matcher m = WORD.matcher(normalize(text));
        while (m.find()) {
            all.add(m.group());
        }
        List<String> list = List.copyOf(all);
        if (list.size() <= SAMPLE) {
            return list;
        }
        List<String> sample = new java.util.ArrayList<>();
        for (int i = 0; i < SAMPLE; i++) {
            sample.add(list.get(i * list.size() / SAMPLE));
        }
        return sample;
    }

    static String fromFile(ProducedFile file) throws IOException {
        return Files.readString(file.path(), StandardCharsets.UTF_8);
    }

    /**
     * The text of a zipped document's main XML parts (docx body, xlsx shared strings, pptx slides,
     * ODF content), paragraphs apart and field codes and deletions left out.
     */
    static String fromPackageXml(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (TEXT_PARTS.matcher(e.getName()).matches()) {
                    String xml = new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
                    text.append(SKIPPED.matcher(xml).replaceAll("").replaceAll(PARAGRAPH_END, " ")
                            .replaceAll("<[^>]+>", "")).append(' ');
                }
            }
        }
        return text.toString();
    }

    /** Letters compared without case, compatibility forms (ligatures, Arabic presentation forms) or spaces. */
    static String normalize(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
    }

    /** How many of {@code words} occur in {@code text} (spaces ignored; right-to-left words also reversed). */
    static long found(List<String> words, String text) {
        String haystack = normalize(text).replaceAll("\\s+", "");
        return words.stream().filter(w -> haystack.contains(w)
                || haystack.contains(new StringBuilder(w).reverse().toString())).count();
    }
}
