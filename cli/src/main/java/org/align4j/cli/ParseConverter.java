package org.align4j.cli;

import java.util.function.Function;
import picocli.CommandLine;

/**
 * A picocli converter that delegates to a type's own {@code parse(String)}: the parser's
 * {@link IllegalArgumentException} becomes picocli's usage error ("Invalid value for option ...") with the
 * parser's message, so the parser stays the one place that says what is allowed. Picocli makes converters
 * from their class, so each option type gets a small subclass that names its parser.
 */
public abstract class ParseConverter<T> implements CommandLine.ITypeConverter<T> {
    private final Function<String, T> parse;

    protected ParseConverter(Function<String, T> parse) {
        this.parse = parse;
    }

    @Override
    public final T convert(String value) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
