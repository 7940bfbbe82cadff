package org.align4j.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.align4j.core.model.BertConfig;
import org.align4j.core.testing.TinyCheckpoints;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.core.tokenizer.TokenizerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewardScorerTest {
    @TempDir Path tmp;

    static final List<String> CORPUS = List.of("my child has a high fever", "please see a doctor today",
            "chest pain needs emergency care", "rest and drink water", "孩子发烧三天了", "请立即就医", "多喝水，好好休息");

    /** A tiny BERT regressor with a WordPiece tokenizer trained on {@code CORPUS}, saved in HF layout. */
    static Path tinyRewardModel(Path dir, int seed) {
        Path tokDir = TinyCheckpoints.tokenizer(dir.resolveSibling(dir.getFileName() + "-tok"), TokenizerKind.WORDPIECE,
                120, CORPUS);
        return TinyCheckpoints.model(dir, tokDir,
                vocab -> new BertConfig(vocab, 16, 1, 2, 32, "gelu", 0, 0, 64, 2, 1e-12, 0.5, 1, null), null, seed);
    }

    @Test
    void aClassifierWithMoreThanOneOutputIsNotARewardModel() {
        Path tokDir = TinyCheckpoints.tokenizer(tmp.resolve("clf-tok"), TokenizerKind.WORDPIECE, 120, CORPUS);
        Path dir = TinyCheckpoints.model(tmp.resolve("clf"), tokDir,
                vocab -> new BertConfig(vocab, 16, 1, 2, 32, "gelu", 0, 0, 64, 2, 1e-12, 0.5, 2, null), null, 3);
        assertThatThrownBy(() -> RewardScorer.load(dir, 64, false, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir + ": num_labels is 2; a reward model has exactly one output");
    }

    @Test
    void scoresAreBatchIndependentAndPromptTruncationKeepsTheAnswerScore() {
        Path dir = tinyRewardModel(tmp.resolve("rm"), 3);
        try (RewardScorer one = RewardScorer.load(dir, 64, false, 1);
                RewardScorer many = RewardScorer.load(dir, 64, false, 8)) {
            List<String> prompts = List.of("my child has a high fever", "chest pain", "孩子发烧三天了");
            List<String> answers = List.of("please see a doctor today", "rest and drink water", "请立即就医");
            float[] a = one.score(prompts, answers);
            float[] b = many.score(prompts, answers);
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
            assertThat(a[0]).isNotEqualTo(a[1]);
        }
        // With a context too short for the whole prompt, the prompt loses its start and the answer is intact.
        int answerLength;
        try (TextTokenizer t = TextTokenizer.load(dir)) {
            answerLength = t.encode("see a doctor").length;
        }
        int maxLength = answerLength + PairTruncation.SPECIAL_TOKENS + 2;
        try (RewardScorer tight = RewardScorer.load(dir, maxLength, false, 4)) {
            PairEncoder.Batch batch = new PairEncoder(tight.tokenizer(), maxLength, false)
                    .encode(List.of("my child has a high fever"), List.of("see a doctor"));
            assertThat(batch.promptTokensDropped()).isPositive();
            assertThat(batch.length()).isEqualTo(maxLength);
            int[] answerIds = tight.tokenizer().encode("see a doctor");
            int typeOnes = 0;
            for (long t : batch.typeIds()) {
                typeOnes += (int) t;
            }
            assertThat(typeOnes).isEqualTo(answerIds.length + 1); // answer + final [SEP]
            assertThatThrownBy(() -> tight.score(List.of("x"), List.of("please see a doctor today and rest and drink water")))
                    .hasMessageContaining("does not fit");
        }
    }
}
