package org.align4j.datasets;

/**
 * One thing wrong with a data file, printed as {@code FILE:LINE: message (fix)}.
 *
 * @param file the file as the user named it
 * @param line the 1-based line the problem is on, or 0 for a problem with the whole file
 * @param message what is wrong
 * @param fix what to do about it
 */
public record Problem(String file, long line, String message, String fix) {
    public Problem {
        if (file == null || message == null || fix == null) {
            throw new IllegalArgumentException("file, message and fix are required: " + file + ", " + message);
        }
        if (line < 0) {
            throw new IllegalArgumentException("line is " + line + "; use 0 for the whole file or a 1-based line");
        }
    }

    @Override
    public String toString() {
        return (line > 0 ? file + ":" + line : file) + ": " + message + " (" + fix + ")";
    }
}
