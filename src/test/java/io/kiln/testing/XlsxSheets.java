package io.kiln.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/** An xlsx as a reader finds it: its sheets in order, each a map of cell address ({@code B3}) to value. */
public record XlsxSheets(List<String> names, List<Map<String, Object>> cells) {

    public static XlsxSheets read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public static XlsxSheets read(byte[] bytes) throws IOException {
        return read(new ByteArrayInputStream(bytes));
    }

    private static XlsxSheets read(InputStream in) throws IOException {
        List<String> names = new ArrayList<>();
        List<Map<String, Object>> cells = new ArrayList<>();
        try (ReadableWorkbook book = new ReadableWorkbook(in)) {
            for (var sheet : book.getSheets().toList()) {
                names.add(sheet.getName());
                Map<String, Object> values = new TreeMap<>();
                for (Row row : sheet.read()) {
                    for (Cell cell : row) {
                        if (cell != null && cell.getType() != CellType.EMPTY) {
                            // a number is a number cell; everything else is read as its text
                            values.put(cell.getAddress().toString(), cell.getType() == CellType.NUMBER
                                    ? cell.asNumber() : cell.getText());
                        }
                    }
                }
                cells.add(values);
            }
        }
        return new XlsxSheets(names, cells);
    }

    /** The sheet's value at {@code address}, or null. */
    public Object at(int sheet, String address) {
        return cells.get(sheet).get(address);
    }

    /** Every text and number of a sheet, in address order, as one string (for "is this text there"). */
    public String text(int sheet) {
        return String.join(" ", cells.get(sheet).values().stream().map(v -> v instanceof BigDecimal b
                ? b.toPlainString() : v.toString()).toList());
    }
}
