package org.align4j.feedback.refresh;

import java.util.Locale;

/** How a training run ended. */
public enum Decision {
    /** The new model was better: production now points at it. */
    PROMOTED,
    /** The run finished but the new model was not better: production is unchanged. */
    REJECTED,
    /** The run failed before a decision could be made. */
    FAILED;

    String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Decision of(String db) {
        return db == null ? null : valueOf(db.toUpperCase(Locale.ROOT));
    }
}
