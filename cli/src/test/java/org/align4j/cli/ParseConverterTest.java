package org.align4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ParseConverterTest {
    /** Parses "1" to 1 and refuses everything else, as an option type's parse method does. */
    static final class OneConverter extends ParseConverter<Integer> {
        OneConverter() {
            super(value -> {
                if (!value.equals("1")) {
                    throw new IllegalArgumentException("only 1 is allowed, got " + value);
                }
                return 1;
            });
        }
    }

    @Test
    void aValueTheParserAcceptsIsReturnedAsParsed() {
        assertThat(new OneConverter().convert("1")).isEqualTo(1);
    }

    @Test
    void theParsersRefusalBecomesAUsageErrorWithTheParsersMessage() {
        assertThatThrownBy(() -> new OneConverter().convert("2"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("only 1 is allowed, got 2");
    }
}
