package org.fundraising.batch;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.SafeText;

import java.io.CharConversionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The rows of an uploaded gift CSV, one at a time (never all in memory): RFC 4180 quoting, a UTF-8 byte-order mark,
 * a comma, semicolon or tab separator (whichever the header row uses most). Headers are matched to the columns
 * this import knows case-insensitively, with or without underscores or spaces ({@code First Name},
 * {@code first_name}, {@code FIRSTNAME}); a mapping renames others. Cells are kept exactly as written: one that
 * starts with {@code =}, {@code +}, {@code -} or {@code @} stays that text and is never evaluated.
 */
final class CsvRows implements Iterator<CsvRows.Row> {

    static final int MAX_COLUMNS = 200;
    static final int MAX_HEADER = 200;
    static final List<String> COLUMNS = List.of("first_name", "last_name", "email", "amount", "currency", "gift_date",
            "payment_method", "external_id", "appeal_id", "fund_id", "notes", "anonymous", "phone", "address_line1",
            "address_line2", "city", "region", "postal_code", "country");

    /** A data row: its number as a spreadsheet shows it (the header is row 1) and its cells by known column. */
    record Row(int number, Map<String, String> cells) {

        String cell(String column) {
            String value = cells.get(column);
            return value == null || value.isBlank() ? null : value.trim();
        }
    }

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private final MappingIterator<String[]> records;
    private final Map<Integer, String> columnAt = new LinkedHashMap<>();
    private final List<String> ignoredHeaders = new ArrayList<>();
    private int number = 1;

    /** Reads the header row; {@code mapping} takes a header as written to one of {@link #COLUMNS}. */
    CsvRows(byte[] body, Map<String, String> mapping) {
        int start = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF ? 3 : 0;
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator(body, start));
        String[] headers;
        try {
            records = CSV.readerFor(String[].class).with(schema).readValues(body, start, body.length - start);
            if (!records.hasNextValue()) {
                throw ApiException.badRequest("The CSV is empty: the first row must name the columns (first_name, "
                        + "last_name, email, amount, currency, gift_date…)", List.of());
            }
            headers = records.nextValue();
        } catch (IOException e) {
            throw unreadable(e);
        }
        // Bounded before any work per column, and never echoed whole.
        if (headers.length > MAX_COLUMNS) {
            throw ApiException.badRequest("The CSV has " + headers.length + " columns; a gift CSV has at most "
                    + MAX_COLUMNS + " (first_name, last_name, email, amount, currency, gift_date…)", List.of());
        }
        for (int i = 0; i < headers.length; i++) {
            if (headers[i] != null && headers[i].length() > MAX_HEADER) {
                throw ApiException.badRequest("Column " + (i + 1) + " of the CSV has a name longer than " + MAX_HEADER
                        + " characters", List.of());
            }
        }
        Map<String, String> renamed = new LinkedHashMap<>();
        mapping.forEach((header, column) -> renamed.put(normalised(header), column));
        for (int i = 0; i < headers.length; i++) {
            String key = normalised(headers[i]);
            String column = renamed.containsKey(key) ? renamed.get(key)
                    : COLUMNS.stream().filter(known -> normalised(known).equals(key)).findFirst().orElse(null);
            if (column == null) {
                if (!headers[i].isBlank()) {
                    ignoredHeaders.add(headers[i].trim());
                }
            } else if (columnAt.containsValue(column)) {
                throw ApiException.badRequest("Two columns of the CSV are " + column + ": keep one", List.of());
            } else {
                columnAt.put(i, column);
            }
        }
        if (!columnAt.containsValue("amount")) {
            throw ApiException.badRequest("The CSV has no amount column (headers read: " + echo(headers)
                    + "); name it amount or pass a mapping", List.of());
        }
    }

    /** The first few headers, each cut short, as an error may show them. */
    private static String echo(String[] headers) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(headers.length, 10); i++) {
            shown.add(SafeText.echo(headers[i] == null ? "" : headers[i], 40));
        }
        return String.join(", ", shown) + (headers.length > 10 ? " and " + (headers.length - 10) + " more" : "");
    }

    List<String> ignoredHeaders() {
        return ignoredHeaders;
    }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNextValue();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String[] values;
        try {
            values = records.nextValue();
        } catch (IOException e) {
            throw unreadable(e);
        }
        number++;
        Map<String, String> cells = new LinkedHashMap<>();
        columnAt.forEach((index, column) -> cells.put(column, index < values.length ? values[index] : null));
        return new Row(number, cells);
    }

    /** Lower case without spaces, underscores or dashes: {@code First Name} and {@code first_name} are one header. */
    static String normalised(String header) {
        return header == null ? "" : header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** The separator the header row uses most: a comma unless semicolons or tabs are more. */
    private static char separator(byte[] body, int start) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = start; i < body.length && (quoted || (body[i] != '\n' && body[i] != '\r')); i++) {
            switch (body[i]) {
                case '"' -> quoted = !quoted;
                case ',' -> commas += quoted ? 0 : 1;
                case ';' -> semicolons += quoted ? 0 : 1;
                case '\t' -> tabs += quoted ? 0 : 1;
                default -> {
                }
            }
        }
        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
    }

    /** What a person can act on, never the parser's own words (a byte offset, a Java class name). */
    private ApiException unreadable(IOException e) {
        String message = String.valueOf(e.getMessage());
        String reason = e instanceof CharConversionException || message.contains("UTF-8") || message.contains("encoding")
                ? "it is not UTF-8 text; save it as UTF-8 (\"CSV UTF-8\" in Excel) and upload it again"
                : "a quoted cell is not closed or a row is malformed";
        return ApiException.badRequest("The CSV cannot be read after row " + number + ": " + reason, List.of());
    }
}
