package org.align4j.datasets.template;

import java.util.regex.Pattern;

/**
 * Prepares a jinja2 template for Jinjava, where the two differ in ways chat templates meet:
 * <ul>
 *   <li>jinja2's {@code lstrip_blocks} and {@code trim_blocks}, applied here to the source exactly as jinja2
 *       defines them (spaces and tabs before a block or comment tag that starts its line are removed, unless
 *       {@code {%+}; the first newline after a block or comment tag is removed, unless {@code +%}});
 *       Jinjava's own version also strips spaces before a tag in the middle of a line;</li>
 *   <li>keyword arguments whose value is an expression ({@code namespace(i=messages|length - 1)}) get the
 *       value in parentheses: Jinjava binds {@code i=...} tighter than {@code -};</li>
 *   <li>{@code x[::-1]} becomes {@code (x|reverse|list)}: Jinjava cannot parse a slice with a step.</li>
 * </ul>
 */
final class JinjaSource {
    private static final Pattern REVERSED = Pattern.compile("([A-Za-z_][\\w.]*(?:\\[[^\\[\\]]*\\])*)\\[::-1\\]");

    private JinjaSource() {}

    static String prepare(String source) {
        StringBuilder out = new StringBuilder(source.length() + 64);
        int i = 0;
        int n = source.length();
        boolean trimNextNewline = false;
        while (i < n) {
            int open = nextTag(source, i);
            String text = source.substring(i, open < 0 ? n : open);
            char kind = open < 0 ? 0 : source.charAt(open + 1);
            boolean plus = open >= 0 && open + 2 < n && source.charAt(open + 2) == '+';
            if (open >= 0 && kind != '{' && !plus) {
                text = lstrip(text, i == 0);
            }
            if (trimNextNewline) {
                text = text.startsWith("\r\n") ? text.substring(2) : text.startsWith("\n") ? text.substring(1) : text;
            }
            trimNextNewline = false;
            out.append(text);
            if (open < 0) {
                break;
            }
            int close = closeOf(source, open, kind);
            String tag = source.substring(open, close);
            if (plus) {
                tag = tag.charAt(0) + "" + tag.charAt(1) + tag.substring(3);
            }
            if (kind == '#') {
                out.append(tag);
            } else {
                String end = kind == '{' ? "}}" : "%}";
                int bodyStart = 2;
                int bodyEnd = tag.length() - 2;
                String body = tag.substring(bodyStart, bodyEnd);
                out.append(tag, 0, bodyStart).append(rewrite(body)).append(end);
            }
            if (kind != '{') {
                boolean keepNewline = tag.length() >= 3 && tag.charAt(tag.length() - 3) == '+';
                if (keepNewline) {
                    out.delete(out.length() - 3, out.length() - 2);
                }
                trimNextNewline = !keepNewline;
            }
            i = close;
        }
        return out.toString();
    }

    /** Removes the spaces and tabs that follow the last newline of {@code text} when only they precede the tag. */
    private static String lstrip(String text, boolean atTemplateStart) {
        int j = text.length();
        while (j > 0 && (text.charAt(j - 1) == ' ' || text.charAt(j - 1) == '\t')) {
            j--;
        }
        boolean lineStart = j > 0 ? text.charAt(j - 1) == '\n' : atTemplateStart;
        return lineStart ? text.substring(0, j) : text;
    }

    private static int nextTag(String s, int from) {
        for (int k = s.indexOf('{', from); k >= 0 && k + 1 < s.length(); k = s.indexOf('{', k + 1)) {
            char c = s.charAt(k + 1);
            if (c == '{' || c == '%' || c == '#') {
                return k;
            }
        }
        return -1;
    }

    private static int closeOf(String s, int open, char kind) {
        if (kind == '#') {
            int end = s.indexOf("#}", open + 2);
            if (end < 0) {
                throw new ChatTemplateException("unclosed comment {# in the chat template");
            }
            return end + 2;
        }
        String end = kind == '{' ? "}}" : "%}";
        int k = open + 2;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (c == '\'' || c == '"') {
                k = skipString(s, k);
                continue;
            }
            if (s.startsWith(end, k)) {
                return k + 2;
            }
            k++;
        }
        throw new ChatTemplateException("unclosed " + s.substring(open, open + 2) + " in the chat template");
    }

    private static int skipString(String s, int k) {
        char q = s.charAt(k);
        int j = k + 1;
        while (j < s.length() && s.charAt(j) != q) {
            j += s.charAt(j) == '\\' ? 2 : 1;
        }
        return Math.min(s.length(), j + 1);
    }

    /** Expression code: the step slice and the keyword-argument values (outside string literals). */
    static String rewrite(String code) {
        String reversed = REVERSED.matcher(code).replaceAll("($1|reverse|list)");
        return parenthesizeKeywordValues(reversed);
    }

    private static String parenthesizeKeywordValues(String code) {
        StringBuilder out = new StringBuilder(code.length() + 8);
        int depth = 0;
        int k = 0;
        while (k < code.length()) {
            char c = code.charAt(k);
            if (c == '\'' || c == '"') {
                int e = skipString(code, k);
                out.append(code, k, e);
                k = e;
                continue;
            }
            out.append(c);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            if (depth > 0 && (c == '(' || c == ',')) {
                int v = keywordValueStart(code, k + 1);
                if (v > 0) {
                    int e = valueEnd(code, v);
                    out.append(code, k + 1, v).append('(').append(parenthesizeKeywordValues(code.substring(v, e)))
                            .append(')');
                    k = e;
                    continue;
                }
            }
            k++;
        }
        return out.toString();
    }

    /** After {@code ( } or {@code ,}: the index after {@code name=} when a keyword argument follows, else -1. */
    private static int keywordValueStart(String code, int k) {
        int j = k;
        while (j < code.length() && Character.isWhitespace(code.charAt(j))) {
            j++;
        }
        int nameStart = j;
        while (j < code.length() && (Character.isLetterOrDigit(code.charAt(j)) || code.charAt(j) == '_')) {
            j++;
        }
        if (j == nameStart || Character.isDigit(code.charAt(nameStart))) {
            return -1;
        }
        while (j < code.length() && Character.isWhitespace(code.charAt(j))) {
            j++;
        }
        if (j < code.length() && code.charAt(j) == '=' && (j + 1 >= code.length() || code.charAt(j + 1) != '=')) {
            return j + 1;
        }
        return -1;
    }

    /** The end of a value: the next {@code ,} or closing bracket at the same depth. */
    private static int valueEnd(String code, int k) {
        int depth = 0;
        int j = k;
        while (j < code.length()) {
            char c = code.charAt(j);
            if (c == '\'' || c == '"') {
                j = skipString(code, j);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    return j;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return j;
            }
            j++;
        }
        return j;
    }
}
