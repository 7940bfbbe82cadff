package org.align4j.datasets.template;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON exactly as transformers' {@code tojson} filter writes it: Python's
 * {@code json.dumps(value, ensure_ascii=False, indent=indent)}, i.e. {@code ", "} and {@code ": "} between
 * items on one line, or one item a line with {@code ","} when indented; keys in insertion order; non-ASCII
 * characters as they are.
 */
final class PythonJson {
    private PythonJson() {}

    /** {@code value} as JSON; {@code indent} null for one line. */
    static String dumps(Object value, Integer indent) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, indent, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, Integer indent, int depth) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof CharSequence s) {
            string(sb, s.toString());
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            sb.append(d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e16 ? String.format("%.1f", d)
                    : Double.toString(d));
        } else if (v instanceof Number n) {
            sb.append(n);
        } else if (v instanceof Map<?, ?> m) {
            container(sb, '{', '}', m.entrySet().iterator(), indent, depth, (e, d) -> {
                Map.Entry<?, ?> en = (Map.Entry<?, ?>) e;
                string(sb, String.valueOf(en.getKey()));
                sb.append(": ");
                write(sb, en.getValue(), indent, d);
            });
        } else if (v instanceof Collection<?> c) {
            container(sb, '[', ']', c.iterator(), indent, depth, (e, d) -> write(sb, e, indent, d));
        } else if (v instanceof Object[] a) {
            container(sb, '[', ']', java.util.Arrays.asList(a).iterator(), indent, depth,
                    (e, d) -> write(sb, e, indent, d));
        } else {
            throw new ChatTemplateException("tojson: cannot write a " + v.getClass().getSimpleName()
                    + " as JSON (only strings, numbers, booleans, none, lists and dicts)");
        }
    }

    private interface ItemWriter {
        void write(Object item, int depth);
    }

    private static void container(StringBuilder sb, char open, char close, Iterator<?> items, Integer indent,
            int depth, ItemWriter w) {
        sb.append(open);
        if (!items.hasNext()) {
            sb.append(close);
            return;
        }
        boolean first = true;
        while (items.hasNext()) {
            if (!first) {
                sb.append(indent == null ? ", " : ",");
            }
            if (indent != null) {
                sb.append('\n').append(" ".repeat(indent * (depth + 1)));
            }
            w.write(items.next(), depth + 1);
            first = false;
        }
        if (indent != null) {
            sb.append('\n').append(" ".repeat(indent * depth));
        }
        sb.append(close);
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
