package org.fundraising.batch;

import java.util.List;

/**
 * The answer to a CSV import: rows staged now, rows already staged by an earlier upload of the same file, and
 * each row that was not staged with its column and reason; headers the import did not use are named.
 */
public record ImportAnswer(String batchId, int imported, int duplicates, List<Rejection> rejected, List<String> ignoredColumns) {

    /** A row left out: its number as a spreadsheet shows it (the header is row 1), the column at fault, why. */
    public record Rejection(int row, String column, String reason) {
    }
}
