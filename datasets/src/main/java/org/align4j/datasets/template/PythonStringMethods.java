package org.align4j.datasets.template;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * The Python {@code str} methods chat templates call ({@code content.strip()}, {@code .startswith(...)},
 * {@code .split('</think>')}, ...), with Python's semantics, for Jinjava, which otherwise only knows Java's
 * String methods (Java's {@code split} takes a regular expression and drops trailing empty strings). Other
 * calls fall through to Jinjava's resolver, which reports a method it does not know as an error.
 */
final class PythonStringMethods extends ELResolver {
    static final Set<String> METHODS = Set.of("strip", "lstrip", "rstrip", "startswith", "endswith", "split",
            "upper", "lower", "title", "capitalize", "replace", "find", "count", "join", "isspace", "isdigit");

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof String s) || method == null || !METHODS.contains(method.toString())) {
            return null;
        }
        Object[] p = params == null ? new Object[0] : params;
        Object result = call(s, method.toString(), p);
        context.setPropertyResolved(true);
        return result;
    }

    private static Object call(String s, String method, Object[] p) {
        return switch (method) {
            case "strip" -> rstrip(lstrip(s, arg(p, 0)), arg(p, 0));
            case "lstrip" -> lstrip(s, arg(p, 0));
            case "rstrip" -> rstrip(s, arg(p, 0));
            case "startswith" -> anyOf(p, "startswith").stream().anyMatch(s::startsWith);
            case "endswith" -> anyOf(p, "endswith").stream().anyMatch(s::endsWith);
            case "split" -> split(s, arg(p, 0), p.length > 1 ? ((Number) p[1]).intValue() : -1);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "title" -> title(s);
            case "capitalize" -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT)
                    + s.substring(1).toLowerCase(Locale.ROOT);
            case "replace" -> replace(s, str(p, 0, method), str(p, 1, method), p.length > 2 ? ((Number) p[2]).intValue() : -1);
            case "find" -> (long) s.indexOf(str(p, 0, method));
            case "count" -> (long) count(s, str(p, 0, method));
            case "join" -> join(s, p.length > 0 ? p[0] : null);
            case "isspace" -> !s.isEmpty() && s.chars().allMatch(PythonStringMethods::isSpace);
            case "isdigit" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            default -> throw new IllegalStateException(method);
        };
    }

    private static String arg(Object[] p, int i) {
        return p.length > i && p[i] != null ? p[i].toString() : null;
    }

    private static String str(Object[] p, int i, String method) {
        if (p.length <= i || p[i] == null) {
            throw new ChatTemplateException("str." + method + "() needs argument " + (i + 1));
        }
        return p[i].toString();
    }

    private static List<String> anyOf(Object[] p, String method) {
        if (p.length == 0 || p[0] == null) {
            throw new ChatTemplateException("str." + method + "() needs a prefix or a tuple of them");
        }
        List<String> out = new ArrayList<>();
        if (p[0] instanceof Collection<?> c) {
            c.forEach(x -> out.add(String.valueOf(x)));
        } else {
            out.add(p[0].toString());
        }
        return out;
    }

    static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x1c || c == 0x1d || c == 0x1e
                || c == 0x1f || c == 0x85;
    }

    private static boolean strips(int c, String chars) {
        return chars == null ? isSpace(c) : chars.indexOf(c) >= 0;
    }

    static String lstrip(String s, String chars) {
        int i = 0;
        while (i < s.length() && strips(s.charAt(i), chars)) {
            i++;
        }
        return s.substring(i);
    }

    static String rstrip(String s, String chars) {
        int j = s.length();
        while (j > 0 && strips(s.charAt(j - 1), chars)) {
            j--;
        }
        return s.substring(0, j);
    }

    /** Python's {@code str.split(sep, maxsplit)}: whitespace runs when {@code sep} is null, else literal. */
    static List<String> split(String s, String sep, int maxSplit) {
        List<String> out = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && isSpace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    return out;
                }
                if (maxSplit >= 0 && out.size() == maxSplit) {
                    out.add(rstrip(s.substring(i), null));
                    return out;
                }
                int j = i;
                while (j < n && !isSpace(s.charAt(j))) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        if (sep.isEmpty()) {
            throw new ChatTemplateException("str.split(): empty separator");
        }
        int from = 0;
        int at;
        while ((maxSplit < 0 || out.size() < maxSplit) && (at = s.indexOf(sep, from)) >= 0) {
            out.add(s.substring(from, at));
            from = at + sep.length();
        }
        out.add(s.substring(from));
        return out;
    }

    private static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean prevCased = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(prevCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
            prevCased = Character.isLetter(c);
        }
        return sb.toString();
    }

    private static String replace(String s, String old, String now, int count) {
        if (count < 0) {
            return s.replace(old, now);
        }
        StringBuilder sb = new StringBuilder();
        int from = 0;
        int done = 0;
        int at;
        while (done < count && (at = s.indexOf(old, from)) >= 0) {
            sb.append(s, from, at).append(now);
            from = at + old.length();
            done++;
        }
        return sb.append(s.substring(from)).toString();
    }

    private static int count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.length() + 1;
        }
        int n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            n++;
        }
        return n;
    }

    private static String join(String sep, Object items) {
        if (!(items instanceof Iterable<?> it)) {
            throw new ChatTemplateException("str.join() needs a list of strings, got " + items);
        }
        StringBuilder sb = new StringBuilder();
        Iterator<?> i = it.iterator();
        while (i.hasNext()) {
            sb.append(i.next());
            if (i.hasNext()) {
                sb.append(sep);
            }
        }
        return sb.toString();
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // never resolves a property: Jinjava's own resolver handles assignments
    }
}
