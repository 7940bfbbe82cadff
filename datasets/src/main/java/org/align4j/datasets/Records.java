package org.align4j.datasets;

/** Checks shared by the record types. */
final class Records {
    private Records() {}

    static void requireOptionalText(String value, String field) {
        if (value != null && value.isBlank()) {
            throw new InvalidRecordException(
                    "\"" + field + "\" is empty", "give a non-empty " + field + " or leave the field out");
        }
    }
}
