package org.align4j.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.align4j.datasets.InvalidRecordException;
import org.junit.jupiter.api.Test;

/** The one rule for required fields: absent and null are both "missing", and the message says what to give. */
class FieldsTest {
    private static ObjectNode json(String s) throws Exception {
        return (ObjectNode) Json.mapper().readTree(s);
    }

    @Test
    void anAbsentOrNullRequiredFieldIsMissing() throws Exception {
        for (String row : new String[] {"{}", "{\"score\":null}"}) {
            assertThatThrownBy(() -> Fields.required(json(row), "score", "give a score"))
                    .isInstanceOf(InvalidRecordException.class).hasMessage("\"score\" is missing (give a score)");
        }
        assertThat(Fields.required(json("{\"score\":false}"), "score", "give a score").booleanValue()).isFalse();
    }

    @Test
    void aRequiredNumberMustBeANumber() throws Exception {
        assertThat(Fields.requiredNumber(json("{\"score\":3.5}"), "score", "give a score")).isEqualTo(3.5);
        assertThatThrownBy(() -> Fields.requiredNumber(json("{\"score\":\"3\"}"), "score", "give a score"))
                .hasMessage("\"score\" is a string, not a number (give a score)");
    }
}
