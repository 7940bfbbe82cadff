package org.align4j.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.InvalidRecordException;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.UnpairedExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodecsTest {
    private static ObjectNode json(String s) throws Exception {
        return (ObjectNode) Json.mapper().readTree(s);
    }

    private static <T> String roundTrip(RecordCodec<T> codec, String s) throws Exception {
        return codec.toJson(codec.fromJson(json(s))).toString();
    }

    @Test
    void alpacaRowsRoundTripAndKeepTheirFields() throws Exception {
        String row = "{\"instruction\":\"Q\",\"input\":\"ctx\",\"output\":\"A\",\"id\":\"r1\"}";
        SftExample e = Codecs.SFT.fromJson(json(row));
        assertThat(e.alpaca().input()).isEqualTo("ctx");
        assertThat(e.id()).isEqualTo("r1");
        assertThat(roundTrip(Codecs.SFT, row)).isEqualTo(row);
        assertThat(Codecs.SFT.fromJson(json("{\"instruction\":\"Q\",\"output\":\"A\"}")).alpaca().input()).isEmpty();
        assertThat(Codecs.SFT.fromJson(json("{\"instruction\":\"Q\",\"input\":\"\",\"output\":\"A\"}"))
                .messages().get(0).content()).isEqualTo("Q");
    }

    @Test
    void conversationRowsRoundTrip() throws Exception {
        String row = "{\"messages\":[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"Q\"},"
                + "{\"role\":\"assistant\",\"content\":\"A\"}]}";
        assertThat(Codecs.SFT.fromJson(json(row)).messages()).hasSize(3);
        assertThat(roundTrip(Codecs.SFT, row)).isEqualTo(row);
    }

    @Test
    void plainPairsRoundTripWithOptionalFields() throws Exception {
        String row = "{\"prompt\":\"Q\",\"chosen\":\"good\",\"rejected\":\"bad\",\"id\":\"p1\",\"source\":\"s\",\"margin\":2.0}";
        PreferencePair p = Codecs.PAIRS.fromJson(json(row));
        assertThat(p.prompt()).containsExactly(ChatMessage.user("Q"));
        assertThat(p.margin()).isEqualTo(2.0);
        assertThat(roundTrip(Codecs.PAIRS, row)).isEqualTo(row);
    }

    @Test
    void conversationalPairsAreReadAndWrittenBackPlainWhenPossible() throws Exception {
        String single = "{\"prompt\":[{\"role\":\"user\",\"content\":\"Q\"}],"
                + "\"chosen\":[{\"role\":\"assistant\",\"content\":\"good\"}],"
                + "\"rejected\":[{\"role\":\"assistant\",\"content\":\"bad\"}]}";
        assertThat(roundTrip(Codecs.PAIRS, single)).isEqualTo("{\"prompt\":\"Q\",\"chosen\":\"good\",\"rejected\":\"bad\"}");
        String multi = "{\"prompt\":[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"Q\"}],"
                + "\"chosen\":[{\"role\":\"assistant\",\"content\":\"good\"}],"
                + "\"rejected\":[{\"role\":\"assistant\",\"content\":\"bad\"}]}";
        assertThat(roundTrip(Codecs.PAIRS, multi)).isEqualTo(multi);
    }

    @Test
    void ratingsRoundTripOnBothScales() throws Exception {
        String thumbs = "{\"prompt\":\"Q\",\"response\":\"A\",\"score\":1,\"rater\":\"dr-li\"}";
        Rating t = Codecs.RATINGS.fromJson(json(thumbs));
        assertThat(t.scale()).isEqualTo(Rating.Scale.THUMBS);
        assertThat(roundTrip(Codecs.RATINGS, thumbs)).isEqualTo(thumbs);
        String five = "{\"prompt\":\"Q\",\"response\":\"A\",\"score\":1,\"scale\":\"1-5\"}";
        assertThat(Codecs.RATINGS.fromJson(json(five)).normalizedScore()).isZero();
        assertThat(roundTrip(Codecs.RATINGS, five)).isEqualTo(five);
        String half = "{\"prompt\":\"Q\",\"response\":\"A\",\"score\":3.5}";
        assertThat(roundTrip(Codecs.RATINGS, half)).isEqualTo(
                "{\"prompt\":\"Q\",\"response\":\"A\",\"score\":3.5,\"scale\":\"1-5\"}");
        String conv = "{\"prompt\":[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"Q\"}],"
                + "\"response\":\"A\",\"score\":0}";
        assertThat(roundTrip(Codecs.RATINGS, conv)).isEqualTo(conv);
    }

    /** Rows each codec refuses, and the exact message that says what is wrong and what to do. */
    static Stream<Arguments> refusedRows() {
        return Stream.of(
                // SFT rows use one format
                refused(Codecs.SFT, "{\"messages\":[],\"output\":\"A\"}",
                        "the row mixes \"messages\" with Alpaca fields (use either {\"messages\": [...]} or"
                                + " {\"instruction\", \"input\", \"output\"})"),
                refused(Codecs.SFT, "{\"instruction\":\"Q\",\"output\":\"A\",\"history\":[]}",
                        "unknown field \"history\" (allowed fields: instruction, input, output, id)"),
                refused(Codecs.SFT, "{\"instruction\":\"Q\"}", "\"output\" is missing (give the answer to train on)"),
                refused(Codecs.SFT, "{\"instruction\":\"Q\",\"input\":3,\"output\":\"A\"}",
                        "\"input\" is a number, not a string (give a string (it may be empty) or leave the field out)"),
                // message errors name the message
                refused(Codecs.SFT,
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Q\"},{\"role\":\"assistant\",\"content\":\"\"}]}",
                        "messages[1]: \"content\" is empty (give the text of the turn)"),
                refused(Codecs.SFT, "{\"messages\":[{\"role\":\"user\",\"content\":\"Q\",\"name\":\"x\"}]}",
                        "messages[0]: unknown field \"name\" (allowed fields: role, content)"),
                refused(Codecs.SFT, "{\"messages\":[\"hi\"]}",
                        "\"messages[0]\" is a string, not an object (give a {\"role\", \"content\"} object)"),
                refused(Codecs.SFT, "{\"messages\":{}}",
                        "\"messages\" is an object, not an array (give a list of {\"role\", \"content\"} objects)"),
                refused(Codecs.SFT, "{\"messages\":[{\"role\":\"doctor\",\"content\":\"Q\"}]}",
                        "messages[0]: \"role\" is \"doctor\" (use one of system, user, assistant)"),
                // pairs
                refused(Codecs.PAIRS, "{\"prompt\":\"Q\",\"chosen\":\"a\"}",
                        "\"rejected\" is missing (give the answer that was not preferred)"),
                refused(Codecs.PAIRS, "{\"prompt\":\"Q\",\"chosen\":1,\"rejected\":\"b\"}",
                        "\"chosen\" is a number, not a string (give the preferred answer)"),
                refused(Codecs.PAIRS, "{\"prompt\":\"Q\",\"chosen\":\"a\",\"rejected\":\"b\",\"margin\":\"big\"}",
                        "\"margin\" is a string, not a number (give a number or leave the field out)"),
                refused(Codecs.PAIRS, "{\"prompt\":\"Q\",\"chosen\":[{\"role\":\"assistant\","
                                + "\"content\":\"a\"},{\"role\":\"user\",\"content\":\"b\"}],\"rejected\":\"b\"}",
                        "\"chosen\" holds 2 messages (give the answer as one assistant message (or a string);"
                                + " put earlier turns in \"prompt\")"),
                refused(Codecs.PAIRS,
                        "{\"prompt\":\"Q\",\"chosen\":[{\"role\":\"user\",\"content\":\"a\"}],\"rejected\":\"b\"}",
                        "\"chosen\"[0] is a user message (the answer must be an assistant message)"),
                refused(Codecs.PAIRS, "{\"question\":\"Q\",\"chosen\":\"a\",\"rejected\":\"b\"}",
                        "unknown field \"question\" (allowed fields: prompt, chosen, rejected, id, source, margin, weight,"
                                + " reason)"),
                refused(Codecs.PAIRS, "{\"prompt\":null,\"chosen\":\"a\",\"rejected\":\"b\"}",
                        "\"prompt\" is missing (give the user's question)"),
                // ratings
                refused(Codecs.RATINGS, "{\"prompt\":\"Q\",\"response\":\"A\"}",
                        "\"score\" is missing (give 1/0 (thumbs) or a score from 1 to 5)"),
                refused(Codecs.RATINGS, "{\"prompt\":\"Q\",\"response\":\"A\",\"score\":true}",
                        "\"score\" is a boolean, not a number (give 1/0 (thumbs) or a score from 1 to 5)"),
                refused(Codecs.RATINGS, "{\"prompt\":\"Q\",\"response\":\"A\",\"score\":9}",
                        "\"score\" is 9.0 on the 1-5 scale (give a score from 1 to 5)"),
                refused(Codecs.RATINGS, "{\"prompt\":\"Q\",\"response\":\"A\",\"score\":4,\"scale\":\"thumbs\"}",
                        "\"score\" is 4.0 on the thumbs scale (use 1 (thumbs up) or 0 (thumbs down))"),
                refused(Codecs.RATINGS, "{\"prompt\":\"Q\",\"response\":\" \",\"score\":1}",
                        "\"response\" is empty (give the answer that was rated)"));
    }

    private static Arguments refused(RecordCodec<?> codec, String row, String message) {
        return Arguments.of(codec.kind().cliName(), codec, row, message);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("refusedRows")
    void refusedRowsSayWhatIsWrongAndWhatToDo(String kind, RecordCodec<?> codec, String row, String message) {
        assertThatThrownBy(() -> codec.fromJson(json(row))).isInstanceOf(InvalidRecordException.class).hasMessage(message);
    }

    @Test
    void rowsThatAreNotReallyOneKindAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Codecs.SFT.fromJson(json("{\"text\":\"A\"}")))
                .hasMessageStartingWith("the row has neither \"messages\" nor \"instruction\"/\"output\"");
        assertThatThrownBy(() -> Codecs.PAIRS.fromJson(json("{\"prompt\":\"Q\",\"chosen\":\"a\",\"rejected\":\"a\"}")))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith("\"chosen\" and \"rejected\" are the same text");
    }

    @Test
    void duplicateKeysIgnoreIdsAndBookkeeping() {
        PreferencePair a = PreferencePair.of("Q", "x", "y").with("1", "s1", 1.0);
        PreferencePair b = PreferencePair.of("Q", "x", "y").with("2", "s2", 3.0);
        assertThat(Codecs.PAIRS.duplicateKey(a)).isEqualTo(Codecs.PAIRS.duplicateKey(b));
        assertThat(Codecs.SFT.duplicateKey(SftExample.of("q", "a").withId("1")))
                .isEqualTo(Codecs.SFT.duplicateKey(SftExample.of("q", "a")));
        assertThat(Codecs.RATINGS.duplicateKey(Rating.of("q", "a", 1).with("r1", "1")))
                .isNotEqualTo(Codecs.RATINGS.duplicateKey(Rating.of("q", "a", 1).with("r2", "1")));
        UnpairedExample u = UnpairedExample.of("q", "a", true);
        assertThat(Codecs.UNPAIRED.duplicateKey(u.withWeight(2.0, "unsafe")))
                .isEqualTo(Codecs.UNPAIRED.duplicateKey(u));
        assertThat(Codecs.UNPAIRED.duplicateKey(u))
                .isNotEqualTo(Codecs.UNPAIRED.duplicateKey(UnpairedExample.of("q", "a", false)));
        assertThat(DataKind.parse("Pairs").codec()).isSameAs(Codecs.PAIRS);
        assertThatThrownBy(() -> DataKind.parse("prefs"))
                .hasMessage("unknown data kind \"prefs\"; use sft, pairs, ratings or unpaired");
        assertThat(List.of(DataKind.values())).extracting(DataKind::cliName).containsExactly("sft", "pairs", "ratings", "unpaired");
    }
}
