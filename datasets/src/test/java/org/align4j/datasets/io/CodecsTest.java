package org.align4j.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.InvalidRecordException;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.datasets.SftExample;
import org.junit.jupiter.api.Test;

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
    void sftRowsMustUseOneFormat() {
        assertThatThrownBy(() -> Codecs.SFT.fromJson(json("{\"messages\":[],\"output\":\"A\"}")))
                .hasMessage("the row mixes \"messages\" with Alpaca fields (use either {\"messages\": [...]} or"
                        + " {\"instruction\", \"input\", \"output\"})");
        assertThatThrownBy(() -> Codecs.SFT.fromJson(json("{\"text\":\"A\"}")))
                .hasMessageStartingWith("the row has neither \"messages\" nor \"instruction\"/\"output\"");
        assertThatThrownBy(() -> Codecs.SFT.fromJson(json("{\"instruction\":\"Q\",\"output\":\"A\",\"history\":[]}")))
                .hasMessage("unknown field \"history\" (allowed fields: instruction, input, output, id)");
        assertThatThrownBy(() -> Codecs.SFT.fromJson(json("{\"instruction\":\"Q\"}")))
                .hasMessage("\"output\" is missing (give the answer to train on)");
        assertThatThrownBy(() -> Codecs.SFT.fromJson(json("{\"instruction\":\"Q\",\"input\":3,\"output\":\"A\"}")))
                .hasMessage("\"input\" is a number, not a string (give a string (it may be empty) or leave the field out)");
    }

    @Test
    void messageErrorsNameTheMessage() {
        assertThatThrownBy(() -> Codecs.SFT.fromJson(json(
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Q\"},{\"role\":\"assistant\",\"content\":\"\"}]}")))
                .hasMessage("messages[1]: \"content\" is empty (give the text of the turn)");
        assertThatThrownBy(() -> Codecs.SFT.fromJson(json(
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Q\",\"name\":\"x\"}]}")))
                .hasMessage("messages[0]: unknown field \"name\" (allowed fields: role, content)");
        assertThatThrownBy(() -> Codecs.SFT.fromJson(json("{\"messages\":[\"hi\"]}")))
                .hasMessage("\"messages[0]\" is a string, not an object (give a {\"role\", \"content\"} object)");
        assertThatThrownBy(() -> Codecs.SFT.fromJson(json("{\"messages\":{}}")))
                .hasMessage("\"messages\" is an object, not an array (give a list of {\"role\", \"content\"} objects)");
        assertThatThrownBy(() -> Codecs.SFT.fromJson(json(
                        "{\"messages\":[{\"role\":\"doctor\",\"content\":\"Q\"}]}")))
                .hasMessage("messages[0]: \"role\" is \"doctor\" (use one of system, user, assistant)");
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
    void pairErrorsSayWhatToDo() {
        assertThatThrownBy(() -> Codecs.PAIRS.fromJson(json("{\"prompt\":\"Q\",\"chosen\":\"a\"}")))
                .hasMessage("\"rejected\" is missing (give the answer that was not preferred)");
        assertThatThrownBy(() -> Codecs.PAIRS.fromJson(json("{\"prompt\":\"Q\",\"chosen\":1,\"rejected\":\"b\"}")))
                .hasMessage("\"chosen\" is a number, not a string (give the preferred answer)");
        assertThatThrownBy(() -> Codecs.PAIRS.fromJson(json("{\"prompt\":\"Q\",\"chosen\":\"a\",\"rejected\":\"a\"}")))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith("\"chosen\" and \"rejected\" are the same text");
        assertThatThrownBy(() -> Codecs.PAIRS.fromJson(json("{\"prompt\":\"Q\",\"chosen\":\"a\",\"rejected\":\"b\","
                        + "\"margin\":\"big\"}")))
                .hasMessage("\"margin\" is a string, not a number (give a number or leave the field out)");
        assertThatThrownBy(() -> Codecs.PAIRS.fromJson(json("{\"prompt\":\"Q\",\"chosen\":[{\"role\":\"assistant\","
                        + "\"content\":\"a\"},{\"role\":\"user\",\"content\":\"b\"}],\"rejected\":\"b\"}")))
                .hasMessage("\"chosen\" holds 2 messages (give the answer as one assistant message (or a string);"
                        + " put earlier turns in \"prompt\")");
        assertThatThrownBy(() -> Codecs.PAIRS.fromJson(json("{\"prompt\":\"Q\",\"chosen\":[{\"role\":\"user\","
                        + "\"content\":\"a\"}],\"rejected\":\"b\"}")))
                .hasMessage("\"chosen\"[0] is a user message (the answer must be an assistant message)");
        assertThatThrownBy(() -> Codecs.PAIRS.fromJson(json("{\"question\":\"Q\",\"chosen\":\"a\",\"rejected\":\"b\"}")))
                .hasMessage("unknown field \"question\" (allowed fields: prompt, chosen, rejected, id, source, margin, weight, reason)");
        assertThatThrownBy(() -> Codecs.PAIRS.fromJson(json("{\"prompt\":null,\"chosen\":\"a\",\"rejected\":\"b\"}")))
                .hasMessage("\"prompt\" is missing (give the user's question)");
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

    @Test
    void ratingErrorsSayWhatToDo() {
        assertThatThrownBy(() -> Codecs.RATINGS.fromJson(json("{\"prompt\":\"Q\",\"response\":\"A\"}")))
                .hasMessage("\"score\" is missing (give 1/0 (thumbs) or a score from 1 to 5)");
        assertThatThrownBy(() -> Codecs.RATINGS.fromJson(json("{\"prompt\":\"Q\",\"response\":\"A\",\"score\":true}")))
                .hasMessage("\"score\" is a boolean, not a number (give 1/0 (thumbs) or a score from 1 to 5)");
        assertThatThrownBy(() -> Codecs.RATINGS.fromJson(json("{\"prompt\":\"Q\",\"response\":\"A\",\"score\":9}")))
                .hasMessage("\"score\" is 9.0 on the 1-5 scale (give a score from 1 to 5)");
        assertThatThrownBy(() -> Codecs.RATINGS.fromJson(json(
                        "{\"prompt\":\"Q\",\"response\":\"A\",\"score\":4,\"scale\":\"thumbs\"}")))
                .hasMessage("\"score\" is 4.0 on the thumbs scale (use 1 (thumbs up) or 0 (thumbs down))");
        assertThatThrownBy(() -> Codecs.RATINGS.fromJson(json("{\"prompt\":\"Q\",\"response\":\" \",\"score\":1}")))
                .hasMessage("\"response\" is empty (give the answer that was rated)");
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
        assertThat(DataKind.parse("Pairs").codec()).isSameAs(Codecs.PAIRS);
        assertThatThrownBy(() -> DataKind.parse("prefs"))
                .hasMessage("unknown data kind \"prefs\"; use sft, pairs, ratings or unpaired");
        assertThat(List.of(DataKind.values())).extracting(DataKind::cliName).containsExactly("sft", "pairs", "ratings", "unpaired");
    }
}
