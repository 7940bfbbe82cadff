package org.align4j.datasets.validate;

/**
 * How a trainer loads a data file.
 *
 * @param skipInvalid train on the valid rows of a partly invalid file (the skipped count is reported); off by
 *     default, so nothing is trained on a half-valid file by accident
 * @param lengthLimit the context-length check, or {@code null}
 * @param problemsShown how many problems the error message lists before "... and N more"
 */
public record LoadOptions(boolean skipInvalid, LengthLimit lengthLimit, int problemsShown) {
    /** Problems listed in an error message by default: enough to see a pattern, short enough to read. */
    public static final int DEFAULT_PROBLEMS_SHOWN = 10;

    public LoadOptions {
        if (problemsShown < 1) {
            throw new IllegalArgumentException("problemsShown is " + problemsShown + "; use 1 or more");
        }
    }

    /** Fails on any problem, no length check. */
    public static LoadOptions strict() {
        return new LoadOptions(false, null, DEFAULT_PROBLEMS_SHOWN);
    }

    public LoadOptions withSkipInvalid(boolean skip) {
        return new LoadOptions(skip, lengthLimit, problemsShown);
    }

    public LoadOptions withLengthLimit(LengthLimit limit) {
        return new LoadOptions(skipInvalid, limit, problemsShown);
    }
}
