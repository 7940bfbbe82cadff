package org.align4j.reward.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.core.tokenizer.TokenizerFiles;
import org.align4j.core.tokenizer.TokenizerKind;
import org.align4j.core.tokenizer.TokenizerTrainer;
import org.align4j.core.tokenizer.TrainerConfig;
import org.align4j.datasets.PreferencePair;
import org.align4j.reward.PairEncoder;
import org.align4j.reward.data.PairExamples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodedExamplesTest {
    @TempDir static Path tmp;
    static Path tokDir;

    @BeforeAll
    static void tokenizer() {
        tokDir = tmp.resolve("tok");
        TokenizerFiles.write(tokDir, TokenizerTrainer.train(TrainerConfig.defaults(TokenizerKind.WORDPIECE, 100),
                List.of("my son has a fever since yesterday", "please see a doctor today", "just ignore it")));
    }

    @Test
    void longPromptsLoseTheirStartAndEveryAnswerIsKeptWhole() {
        PairExamples pairs = PairExamples.of(List.of(
                PreferencePair.of("my son has a fever since yesterday my son has a fever since yesterday",
                        "please see a doctor today", "just ignore it"),
                PreferencePair.of("fever", "see a doctor", "ignore it")), "p.jsonl");
        try (TextTokenizer tok = TextTokenizer.load(tokDir)) {
            int[] answer = tok.encode("please see a doctor today");
            int maxLength = answer.length + 3 + 2; // room for two prompt tokens next to the longest answer
            PairEncoder enc = new PairEncoder(tok, maxLength, false);
            EncodedExamples e = EncodedExamples.encode(pairs, tok, enc, "training");
            assertThat(e.sequences()).hasSize(4);
            assertThat(e.promptsTruncated()).isEqualTo(2); // both answers of the long prompt
            assertThat(e.answersTruncated()).isZero();
            PairEncoder.Sequence chosen = e.sequences()[0];
            assertThat(chosen.length()).isEqualTo(maxLength);
            int[] tail = java.util.Arrays.copyOfRange(chosen.ids(), chosen.answerStart(), chosen.length() - 1);
            assertThat(tail).containsExactly(answer);
            int[] prompt = tok.encode(pairs.prompts().get(0));
            // the prompt segment is the prompt's end: [CLS] ... end of prompt [SEP]
            int[] kept = java.util.Arrays.copyOfRange(chosen.ids(), 1, chosen.answerStart() - 1);
            assertThat(kept).hasSize(2);
            assertThat(kept).containsExactly(java.util.Arrays.copyOfRange(prompt, prompt.length - kept.length,
                    prompt.length));
            assertThat(e.summary("training")).contains("2 pairs, 4 inputs (2 with the prompt's start cut)");
            // the collated batch marks the answer segment with type id 1 and pads to the longest input
            PairEncoder.Batch b = enc.pad(List.of(e.sequences()[1], e.sequences()[3]));
            assertThat(b.length()).isEqualTo(Math.max(e.sequences()[1].length(), e.sequences()[3].length()));
            assertThat(b.realTokens()).isEqualTo(e.sequences()[1].length() + e.sequences()[3].length());
        }
    }

    @Test
    void answersThatDoNotFitAreNamedBeforeTrainingUnlessCuttingIsAllowed() {
        PairExamples pairs = new PairExamples(List.of("fever"), List.of("please see a doctor today please see a doctor"),
                List.of("ignore it"), new float[] {0}, List.of("id pair-7"));
        try (TextTokenizer tok = TextTokenizer.load(tokDir)) {
            int maxLength = tok.encode("ignore it").length + 3 + 1; // the rejected answer fits, the chosen one not
            assertThatThrownBy(() -> EncodedExamples.encode(pairs, tok, new PairEncoder(tok, maxLength, false),
                    "training"))
                    .hasMessageContaining("1 training answers do not fit data.max_length " + maxLength)
                    .hasMessageContaining("id pair-7 (chosen answer")
                    .hasMessageContaining("data.truncate_answers");
            EncodedExamples cut = EncodedExamples.encode(pairs, tok, new PairEncoder(tok, maxLength, true), "training");
            assertThat(cut.answersTruncated()).isEqualTo(1);
            assertThat(cut.sequences()[0].length()).isEqualTo(maxLength);
        }
    }

    @Test
    void firstPairsAreThePairsEncodedOnTheirOwn() {
        PairExamples pairs = PairExamples.of(List.of(
                PreferencePair.of("my son has a fever since yesterday my son has a fever since yesterday",
                        "please see a doctor today", "just ignore it"),
                PreferencePair.of("fever", "see a doctor", "ignore it"),
                PreferencePair.of("a fever since yesterday", "see a doctor today", "just ignore it")), "p.jsonl");
        try (TextTokenizer tok = TextTokenizer.load(tokDir)) {
            PairEncoder enc = new PairEncoder(tok, tok.encode("please see a doctor today").length + 5, false);
            EncodedExamples all = EncodedExamples.encode(pairs, tok, enc, "training");
            EncodedExamples head = all.firstPairs(2);
            EncodedExamples alone = EncodedExamples.encode(pairs.head(2), tok, enc, "training");
            assertThat(head.size()).isEqualTo(2);
            assertThat(head.examples()).isInstanceOfSatisfying(PairExamples.class,
                    p -> assertThat(p.chosen()).isEqualTo(alone.examples().answerColumns().get(0)));
            assertThat(head.sequences()).hasSize(4);
            for (int i = 0; i < 4; i++) {
                assertThat(head.sequences()[i].ids()).containsExactly(alone.sequences()[i].ids());
            }
            assertThat(head.promptsTruncated()).isEqualTo(alone.promptsTruncated()).isEqualTo(2);
            assertThat(head.answersTruncated()).isEqualTo(alone.answersTruncated());
        }
    }
}
