package org.align4j.datasets.collate;

import java.util.Locale;

/** What to do with an example longer than the model's context after templating. */
public enum Overflow {
    /** Report it as a problem: the file is invalid (the default: nothing changes silently). */
    REPORT,
    /** Leave the example out and count it. */
    DROP,
    /** Cut the prompt from the left (keeping a BOS); cut the response from the right only if still too long. */
    TRUNCATE;

    /** Parses {@code report}, {@code drop} or {@code truncate}. */
    public static Overflow parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown overflow policy \"" + name + "\"; use report, drop or truncate",
                    e);
        }
    }
}
