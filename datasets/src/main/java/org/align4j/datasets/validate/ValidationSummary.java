package org.align4j.datasets.validate;

/**
 * What a validation pass found.
 *
 * @param file the file's display name
 * @param rows rows read (blank lines not counted)
 * @param valid rows accepted
 * @param invalid rows with a problem
 * @param droppedTooLong rows left out as too long ({@code Overflow.DROP})
 * @param truncatedTooLong rows kept though too long, to be truncated ({@code Overflow.TRUNCATE})
 * @param fileProblems problems with the file as a whole, which skipping rows cannot fix
 */
public record ValidationSummary(String file, long rows, long valid, long invalid, long droppedTooLong,
        long truncatedTooLong, long fileProblems) {

    /** Whether nothing at all was wrong. */
    public boolean isClean() {
        return invalid == 0 && fileProblems == 0;
    }

    /** A one-line account, e.g. {@code pairs.jsonl: 1000 rows, 997 valid, 3 invalid}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(file + ": " + rows + " rows, " + valid + " valid, " + invalid + " invalid");
        if (droppedTooLong > 0) {
            sb.append(", ").append(droppedTooLong).append(" too long and dropped");
        }
        if (truncatedTooLong > 0) {
            sb.append(", ").append(truncatedTooLong).append(" too long, to be truncated (prompt first)");
        }
        if (fileProblems > 0) {
            sb.append(", ").append(fileProblems).append(" problem(s) with the whole file");
        }
        return sb.toString();
    }
}
