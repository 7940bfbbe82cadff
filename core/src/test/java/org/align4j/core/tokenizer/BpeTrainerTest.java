package org.align4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTrainerTest {
    @TempDir static Path shared;
    static TrainedTokenizer trained;
    static Path dir;

    @BeforeAll
    static void trainOnMixedCorpus() {
        trained = BpeTrainer.train(TrainerConfig.defaults(TokenizerKind.BPE, 600), Corpora.mixed(60_000, 1));
        dir = shared.resolve("bpe");
        TokenizerFiles.write(dir, trained);
    }

    @Test
    void handTracedMergesGiveTheIdsThatHuggingFaceTokenizersProduces() throws Exception {
        List<String> corpus = List.of("abab abab abab", " abc");
        // 256 bytes + 3 merges + 2 special tokens (pad, eos).
        TrainerConfig cfg = new TrainerConfig(TokenizerKind.BPE, 256 + 3 + 2, 1, SpecialTokenRoles.BPE_DEFAULT,
                List.of(), 0, false, 64);
        TrainedTokenizer t = BpeTrainer.train(cfg, corpus);
        // Words: "abab" 1, "Ġabab" 2, "Ġabc" 1 (Ġ is the space byte, id 32).
        // (a,b) occurs 1*2 + 2*2 + 1 = 7 times: merge 1 is "a b" -> id 256.
        // Then "ab ab" 1, "Ġ ab ab" 2, "Ġ ab c" 1: (ab,ab) = 3 and (Ġ,ab) = 3 tie; (32,256) < (256,256),
        // so merge 2 is "Ġ ab" -> 257. Then "Ġab ab" 2, "ab ab" 1, "Ġab c" 1: merge 3 "Ġab ab" -> 258.
        assertThat(t.merges()).containsExactly("a b", "Ġ ab", "Ġab ab");
        assertThat(t.vocab().subList(256, 259)).containsExactly("ab", "Ġab", "Ġabab");
        assertThat(t.vocab().subList(259, 261)).containsExactly("<|pad|>", "<|endoftext|>");
        Path out = shared.resolve("hand");
        TokenizerFiles.write(out, t);
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(out.resolve("tokenizer.json"),
                Map.of("addSpecialTokens", "false"))) {
            assertThat(hf.encode("abab abab").getIds()).containsExactly(256, 256, 258);
            assertThat(hf.encode(" abc").getIds()).containsExactly(257, 'c');
            assertThat(hf.encode("abab<|endoftext|>").getIds()).containsExactly(256, 256, 260);
        }
    }

    @Test
    void chineseEnglishEmojiAndControlTextRoundTripsExactly() {
        try (TextTokenizer tok = TextTokenizer.load(dir)) {
            for (String s : List.of("The patient has a fever.", "病人发烧三天了，请问应该吃什么药？",
                    "血压 high in the morning 早上很高 120/80 mmHg", "🙂👍🏽 emoji 表情 ❤️", "tabs\tand\nnew lines\r\n  ",
                    "生僻字 𠀀𪚥 and accents café naïve", "")) {
                int[] ids = tok.encode(s);
                assertThat(tok.decode(ids, false)).as(s).isEqualTo(s);
            }
        }
    }

    @Test
    void specialTokensInTextBecomeSingleIdsAndCanBeSkippedWhenDecoding() {
        try (TextTokenizer tok = TextTokenizer.load(dir)) {
            int start = tok.tokenId("<|im_start|>").orElseThrow();
            int end = tok.tokenId("<|im_end|>").orElseThrow();
            int[] ids = tok.encode("<|im_start|>user\n你好<|im_end|>");
            assertThat(ids[0]).isEqualTo(start);
            assertThat(ids[ids.length - 1]).isEqualTo(end);
            assertThat(Arrays.stream(ids).filter(i -> i == start || i == end).count()).isEqualTo(2);
            assertThat(tok.decode(ids, false)).isEqualTo("<|im_start|>user\n你好<|im_end|>");
            assertThat(tok.decode(ids, true)).isEqualTo("user\n你好");
        }
    }

    @Test
    void vocabularyIsBytesThenMergesThenSpecialTokensAtTheRequestedSize() {
        assertThat(trained.vocabSize()).isEqualTo(600);
        assertThat(trained.vocab().get(' ')).isEqualTo("Ġ");
        assertThat(trained.vocab().get('a')).isEqualTo("a");
        assertThat(trained.merges()).hasSize(600 - 256 - 4);
        assertThat(trained.vocab().subList(596, 600))
                .containsExactly("<|pad|>", "<|endoftext|>", "<|im_start|>", "<|im_end|>");
        assertThat(trained.stopReason()).isEmpty();
        try (TextTokenizer tok = TextTokenizer.load(dir)) {
            assertThat(tok.vocabSize()).isEqualTo(600);
            assertThat(tok.special().eos().orElseThrow().id()).isEqualTo(597);
            assertThat(tok.special().pad().orElseThrow().id()).isEqualTo(596);
            // Frequent words became single tokens, in both scripts.
            assertThat(tok.tokens(" patient")).containsExactly("Ġpatient");
            assertThat(tok.encode("医生")).hasSize(1);
        }
    }

    @Test
    void literalSpecialTokensInTheCorpusAreNotLearnedAsMerges() {
        List<String> corpus = List.of("<|im_start|>hi<|im_end|>".repeat(50), "hi hi");
        TrainerConfig cfg = TrainerConfig.defaults(TokenizerKind.BPE, 300).withMinFrequency(1);
        TrainedTokenizer t = BpeTrainer.train(cfg, corpus);
        assertThat(t.merges()).noneMatch(m -> m.contains("|") || m.contains("im"));
    }

    @Test
    void sameCorpusAndSettingsGiveAByteIdenticalFile() throws Exception {
        TrainedTokenizer again = BpeTrainer.train(TrainerConfig.defaults(TokenizerKind.BPE, 600), Corpora.mixed(60_000, 1));
        Path other = shared.resolve("again");
        TokenizerFiles.write(other, again);
        assertThat(Files.readAllBytes(other.resolve("tokenizer.json")))
                .isEqualTo(Files.readAllBytes(dir.resolve("tokenizer.json")));
    }

    @Test
    void stopsEarlyAndSaysWhyWhenNoPairIsFrequentEnough() {
        TrainedTokenizer t = BpeTrainer.train(TrainerConfig.defaults(TokenizerKind.BPE, 5000), List.of("abc abd"));
        assertThat(t.vocabSize()).isLessThan(5000);
        assertThat(t.stopReason()).contains("at least 2 times");
    }

    @Test
    void trainsTwoMegabytesOfMixedTextToEightThousandTokensInSeconds() {
        List<String> corpus = Corpora.rich(1_600_000, 7);
        long bytes = corpus.stream().mapToLong(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
        assertThat(bytes).isGreaterThan(2_000_000);
        long start = System.nanoTime();
        TrainedTokenizer t = BpeTrainer.train(TrainerConfig.defaults(TokenizerKind.BPE, 8000), corpus);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(t.vocabSize()).isEqualTo(8000);
        // About 0.5 s on a 2-core machine; recounting pairs after every merge would take minutes.
        assertThat(seconds).isLessThan(20);
    }

    @Test
    void rejectsAVocabularyTooSmallForTheByteAlphabet() {
        assertThatThrownBy(() -> TrainerConfig.defaults(TokenizerKind.BPE, 200))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vocabSize is 200").hasMessageContaining("at least 260");
    }
}
