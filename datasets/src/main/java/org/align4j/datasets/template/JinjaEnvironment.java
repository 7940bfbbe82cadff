package org.align4j.datasets.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.javax.el.CompositeELResolver;

/**
 * Renders Hugging Face chat templates with Jinjava the way transformers renders them with jinja2
 * ({@code ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)} plus {@code raise_exception},
 * {@code tojson}, {@code strftime_now} and the {@code {% generation %}} block). Python string methods come
 * from {@link PythonStringMethods}; {@link JinjaSource} bridges the syntax differences. Anything Jinjava
 * reports as an error, a filter or test it does not know, and an error the template raises itself become a
 * {@link ChatTemplateException} naming the construct. One known difference remains: a boolean or None
 * printed directly ({@code {{ flag }}}) reads {@code true}/{@code null} where jinja2 writes
 * {@code True}/{@code None}; chat templates print them through {@code tojson}, which is exact.
 */
final class JinjaEnvironment {
    /** Wraps what a {@code {% generation %}} block renders; private-use characters no real text carries. */
    static final char GENERATION_START = '\uE000';
    static final char GENERATION_END = '\uE001';

    private static final Pattern EXPRESSION = Pattern.compile("\\{[{%](.*?)[-+]?[}%]\\}", Pattern.DOTALL);
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:\\\\.|[^'\\\\])*'|\"(?:\\\\.|[^\"\\\\])*\"");
    private static final Pattern FILTER = Pattern.compile("\\|\\s*([A-Za-z_]\\w*)");
    private static final Pattern TEST = Pattern.compile("\\bis\\s+(?:not\\s+)?([A-Za-z_]\\w*)");

    private final Jinjava jinjava;

    JinjaEnvironment() {
        JinjavaConfig defaults = JinjavaConfig.newBuilder().build();
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonStringMethods());
        resolver.add(defaults.getElResolver());
        // jinja2's behaviour where Jinjava keeps older defaults: {{- -}} trims, operator precedence,
        // strict whitespace control parsing, evaluated dict keys, None values kept in loops
        LegacyOverrides jinja2 = LegacyOverrides.newBuilder().withUseTrimmingForNotesAndExpressions(true)
                .withUseNaturalOperatorPrecedence(true).withParseWhitespaceControlStrictly(true)
                .withEvaluateMapKeys(true).withKeepNullableLoopValues(true).withUsePyishObjectMapper(true).build();
        // trim_blocks and lstrip_blocks are applied by JinjaSource, as jinja2 defines them
        jinjava = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(false).withLstripBlocks(false)
                .withLegacyOverrides(jinja2).withElResolver(resolver).build());
        var ctx = jinjava.getGlobalContext();
        ctx.registerFunction(new ELFunctionDefinition("", "raise_exception", JinjaEnvironment.class,
                "raiseException", String.class));
        ctx.registerFunction(new ELFunctionDefinition("", "strftime_now", JinjaEnvironment.class,
                "strftimeNow", String.class));
        ctx.registerFilter(new ToJson());
        ctx.registerTag(new GenerationTag());
    }

    /** A template parsed once and rendered many times (SFT data renders every conversation several times). */
    final class Parsed {
        private final String origin;
        private final Node root;

        private Parsed(String origin, Node root) {
            this.origin = origin;
            this.root = root;
        }

        /** Renders the template with {@code variables}. */
        String render(Map<String, Object> variables) {
            Context context = new Context(jinjava.getGlobalContext(), variables, jinjava.getGlobalConfig().getDisabled());
            JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, context, jinjava.getGlobalConfig());
            String out;
            try (var current = JinjavaInterpreter.closeablePushCurrent(interpreter).get()) {
                out = interpreter.render(root);
            } catch (RuntimeException e) {
                throw new ChatTemplateException(origin + ": the chat template cannot be rendered: " + e.getMessage(), e);
            }
            failOnErrors(origin, interpreter.getErrors());
            return out;
        }
    }

    /**
     * Parses {@code source}.
     *
     * @param origin where the template comes from, for messages (e.g. {@code model/tokenizer_config.json})
     * @throws ChatTemplateException naming the construct when Jinjava cannot parse it as jinja2 would
     */
    Parsed parse(String origin, String source) {
        String prepared = JinjaSource.prepare(source);
        checkKnownFiltersAndTests(origin, prepared);
        JinjavaInterpreter interpreter = jinjava.newInterpreter();
        Node root;
        try (var current = JinjavaInterpreter.closeablePushCurrent(interpreter).get()) {
            root = interpreter.parse(prepared);
        }
        failOnErrors(origin, interpreter.getErrors());
        return new Parsed(origin, root);
    }

    private static void failOnErrors(String origin, List<TemplateError> errors) {
        for (TemplateError e : errors) {
            if (e.getSeverity() != TemplateError.ErrorType.FATAL) {
                continue;
            }
            Throwable raised = raisedBy(e);
            if (raised != null) {
                throw new ChatTemplateException(origin + ": the chat template refused the conversation: "
                        + raised.getMessage());
            }
            throw new ChatTemplateException(origin + ": line " + e.getLineno() + " of the chat template: "
                    + e.getMessage() + " (in '" + e.getFieldName() + "'); align4j renders templates with Jinjava,"
                    + " which does not support this construct the way jinja2 does; pass --template (or"
                    + " data.template) to use a built-in template instead");
        }
    }

    private static Throwable raisedBy(TemplateError e) {
        for (Throwable t = e.getException(); t != null; t = t.getCause()) {
            if (t instanceof RaisedByTemplate) {
                return t;
            }
        }
        String m = e.getMessage();
        if (m != null && m.contains(RaisedByTemplate.PREFIX)) {
            return new RaisedByTemplate(m.substring(m.indexOf(RaisedByTemplate.PREFIX) + RaisedByTemplate.PREFIX.length()));
        }
        return null;
    }

    /** Jinjava silently passes a value through an unknown filter; jinja2 refuses the template. */
    private void checkKnownFiltersAndTests(String origin, String source) {
        Matcher m = EXPRESSION.matcher(source);
        while (m.find()) {
            String code = STRING_LITERAL.matcher(m.group(1)).replaceAll("''");
            Matcher f = FILTER.matcher(code);
            while (f.find()) {
                if (jinjava.getGlobalContext().getFilter(f.group(1)) == null) {
                    throw new ChatTemplateException(origin + ": the chat template uses the filter '" + f.group(1)
                            + "', which align4j's Jinja engine (Jinjava) does not have; pass --template (or"
                            + " data.template) to use a built-in template instead");
                }
            }
            Matcher t = TEST.matcher(code);
            while (t.find()) {
                if (jinjava.getGlobalContext().getExpTest(t.group(1)) == null) {
                    throw new ChatTemplateException(origin + ": the chat template uses the test 'is " + t.group(1)
                            + "', which align4j's Jinja engine (Jinjava) does not have");
                }
            }
        }
    }

    /** {@code raise_exception(message)}: the template refuses its input (e.g. roles that do not alternate). */
    public static String raiseException(String message) {
        throw new RaisedByTemplate(message);
    }

    /** {@code strftime_now(format)}: the local time in a Python {@code strftime} format. */
    public static String strftimeNow(String format) {
        return strftime(LocalDateTime.now(), format);
    }

    static String strftime(LocalDateTime t, String format) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                sb.append(c);
                continue;
            }
            char d = format.charAt(++i);
            switch (d) {
                case 'd' -> sb.append(String.format("%02d", t.getDayOfMonth()));
                case 'm' -> sb.append(String.format("%02d", t.getMonthValue()));
                case 'Y' -> sb.append(t.getYear());
                case 'y' -> sb.append(String.format("%02d", t.getYear() % 100));
                case 'H' -> sb.append(String.format("%02d", t.getHour()));
                case 'M' -> sb.append(String.format("%02d", t.getMinute()));
                case 'S' -> sb.append(String.format("%02d", t.getSecond()));
                case 'b' -> sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'B' -> sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'a' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'A' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'j' -> sb.append(String.format("%03d", t.getDayOfYear()));
                case '%' -> sb.append('%');
                default -> throw new ChatTemplateException("strftime_now: the format directive %" + d
                        + " is not supported (supported: %d %m %Y %y %H %M %S %b %B %a %A %j %%)");
            }
        }
        return sb.toString();
    }

    /** What {@code raise_exception} throws, so the template's own message reaches the user. */
    static final class RaisedByTemplate extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final String PREFIX = "[raised by the template] ";

        RaisedByTemplate(String message) {
            super(PREFIX + message);
        }

        @Override
        public String getMessage() {
            return super.getMessage().substring(PREFIX.length());
        }
    }

    /** transformers' {@code tojson}: {@code json.dumps(x, ensure_ascii=False, indent=indent)}. */
    private static final class ToJson implements Filter {
        @Override
        public String getName() {
            return "tojson";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return PythonJson.dumps(var, args.length > 0 && args[0] != null ? Integer.valueOf(args[0]) : null);
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object indent = kwargs.containsKey("indent") ? kwargs.get("indent") : args.length > 0 ? args[0] : null;
            return PythonJson.dumps(var, indent == null ? null
                    : indent instanceof Number n ? n.intValue() : Integer.valueOf(indent.toString()));
        }
    }

    /** transformers' {@code {% generation %}...{% endgeneration %}}: marks what the assistant generates. */
    private static final class GenerationTag implements Tag {
        private static final long serialVersionUID = 1L;

        @Override
        public String getName() {
            return "generation";
        }

        @Override
        public String getEndTagName() {
            return "endgeneration";
        }

        @Override
        public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
            StringBuilder sb = new StringBuilder().append(GENERATION_START);
            for (Node child : tagNode.getChildren()) {
                sb.append(child.render(interpreter).getValue());
            }
            return sb.append(GENERATION_END).toString();
        }
    }
}
