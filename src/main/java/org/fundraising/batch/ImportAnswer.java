package org.fundraising.batch;

import java.util.List;

/**
 * What a CSV import run has done, in its snapshot's {@code import}: rows staged, rows already staged by an earlier
 * upload of the same file, and the rows left out with their column and reason (the first 500 by row; the run's
 * {@code counters.errors} counts them all); headers the import did not use are named.
 */
public record ImportAnswer(String batchId, int imported, int duplicates, List<Rejection> rejected, List<String> ignoredColumns) {

    /** A row left out: its number as a spreadsheet shows it (the header is row 1), the column at fault, why. */
    public record Rejection(int row, String column, String reason) {
    }
}
