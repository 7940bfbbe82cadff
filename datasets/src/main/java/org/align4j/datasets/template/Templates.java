package org.align4j.datasets.template;

/** Helpers shared by the built-in templates. */
final class Templates {
    private Templates() {}

    /** {@code content} followed by {@code end}, unless it already ends with it (no second EOS). */
    static String withEnd(String content, String end) {
        return content.endsWith(end) ? content : content + end;
    }
}
