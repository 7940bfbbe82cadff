package org.align4j.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.io.DataKind;
import org.align4j.datasets.io.Json;
import org.junit.jupiter.api.Test;

/** KTO's unpaired examples: the JSON format, its errors, and the conversions from ratings and pairs. */
class UnpairedExampleTest {
    private static ObjectNode json(String s) throws Exception {
        return (ObjectNode) Json.mapper().readTree(s);
    }

    @Test
    void readsAndWritesTrlsUnpairedFormat() throws Exception {
        UnpairedExample e = Codecs.UNPAIRED.fromJson(json(
                "{\"prompt\":\"头痛怎么办\",\"completion\":\"多休息\",\"label\":false,\"weight\":2.5,\"reason\":\"unsafe\"}"));
        assertThat(e.desirable()).isFalse();
        assertThat(e.weight()).isEqualTo(2.5);
        assertThat(e.plainPrompt()).isEqualTo("头痛怎么办");
        assertThat(Codecs.UNPAIRED.toJson(e).toString())
                .isEqualTo("{\"prompt\":\"头痛怎么办\",\"completion\":\"多休息\",\"label\":false,\"weight\":2.5,\"reason\":\"unsafe\"}");
        assertThat(DataKind.parse("unpaired").codec()).isSameAs(Codecs.UNPAIRED);
    }

    @Test
    void refusesAStringLabelAMissingLabelAndABadWeight() {
        assertThatThrownBy(() -> Codecs.UNPAIRED.fromJson(json("{\"prompt\":\"p\",\"completion\":\"c\",\"label\":\"true\"}")))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("\"label\"").hasMessageContaining("boolean");
        assertThatThrownBy(() -> Codecs.UNPAIRED.fromJson(json("{\"prompt\":\"p\",\"completion\":\"c\"}")))
                .hasMessageContaining("\"label\" is missing");
        assertThatThrownBy(() -> Codecs.UNPAIRED.fromJson(json("{\"prompt\":\"p\",\"completion\":\"c\",\"label\":true,\"weight\":0}")))
                .hasMessageContaining("\"weight\"");
        assertThatThrownBy(() -> Codecs.UNPAIRED.fromJson(json("{\"prompt\":\"p\",\"response\":\"c\",\"label\":true}")))
                .hasMessageContaining("unknown field \"response\"");
    }

    @Test
    void ratingsBecomeExamplesAndMiddleScoresAreDroppedAndCounted() {
        List<Rating> ratings = List.of(Rating.thumbs("q", "a", true), Rating.thumbs("q", "b", false), Rating.of("q", "c", 5),
                Rating.of("q", "d", 3), Rating.of("q", "e", 2));
        Unpairing.Result r = Unpairing.fromRatings(ratings, 4, 2);
        assertThat(r.examples()).extracting(UnpairedExample::completion).containsExactly("a", "b", "c", "e");
        assertThat(r.examples()).extracting(UnpairedExample::desirable).containsExactly(true, false, true, false);
        assertThat(r.dropped()).isEqualTo(1);
        assertThatThrownBy(() -> Unpairing.fromRatings(ratings, 3, 3)).hasMessageContaining("must be below");
    }

    @Test
    void aPairBecomesADesirableAndAnUndesirableExample() {
        PreferencePair p = PreferencePair.of("q", "good", "bad").with("p1", "dr.a", null);
        List<UnpairedExample> u = Unpairing.fromPairs(List.of(p));
        assertThat(u).extracting(UnpairedExample::completion).containsExactly("good", "bad");
        assertThat(u).extracting(UnpairedExample::desirable).containsExactly(true, false);
        assertThat(u).extracting(UnpairedExample::id).containsExactly("p1#chosen", "p1#rejected");
    }

    @Test
    void pairsCarryAnOptionalWeightAndItsReason() throws Exception {
        PreferencePair p = Codecs.PAIRS.fromJson(json(
                "{\"prompt\":\"q\",\"chosen\":\"a\",\"rejected\":\"b\",\"weight\":0.5,\"reason\":\"rater dr.c\"}"));
        assertThat(p.weight()).isEqualTo(0.5);
        assertThat(Codecs.PAIRS.toJson(p).toString()).contains("\"weight\":0.5,\"reason\":\"rater dr.c\"");
        assertThat(Codecs.PAIRS.duplicateKey(p)).isEqualTo(Codecs.PAIRS.duplicateKey(PreferencePair.of("q", "a", "b")));
        assertThatThrownBy(() -> Codecs.PAIRS.fromJson(json("{\"prompt\":\"q\",\"chosen\":\"a\",\"rejected\":\"b\",\"weight\":-1}")))
                .hasMessageContaining("\"weight\" is -1.0");
    }
}
