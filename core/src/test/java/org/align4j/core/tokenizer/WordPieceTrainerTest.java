package org.align4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordPieceTrainerTest {
    @TempDir static Path shared;
    static Path dir;

    @BeforeAll
    static void trainOnMixedCorpus() {
        List<String> corpus = new ArrayList<>(Corpora.mixed(40_000, 3));
        corpus.add("表情 🙂 smile");
        TrainedTokenizer t = WordPieceTrainer.train(TrainerConfig.defaults(TokenizerKind.WORDPIECE, 500), corpus);
        dir = shared.resolve("wp");
        TokenizerFiles.write(dir, t);
    }

    @Test
    void handTracedVocabularyEncodesWithGreedyLongestMatchInHuggingFaceTokenizers(@TempDir Path out) throws Exception {
        TrainerConfig cfg = TrainerConfig.defaults(TokenizerKind.WORDPIECE, 100).withMinFrequency(1);
        TrainedTokenizer t = WordPieceTrainer.train(cfg, List.of("ab ab ab", "ABC"));
        // Words "ab" x3, "abc" x1 -> pieces a ##b, a ##b ##c; (a,##b) = 4 -> "ab"; (ab,##c) = 1 -> "abc".
        assertThat(t.vocab()).containsExactly("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
                "a", "b", "c", "##b", "##c", "ab", "abc");
        assertThat(t.stopReason()).contains("no pair");
        TokenizerFiles.write(out, t);
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(out.resolve("tokenizer.json"),
                Map.of("addSpecialTokens", "false"))) {
            // "cab": c, then no "##a" -> the whole word is [UNK]; "abb" = ab ##b.
            assertThat(hf.encode("AB abc cab abb").getIds()).containsExactly(10, 11, 1, 10, 8);
            assertThat(hf.encode("ab", "c", true, false).getIds()).containsExactly(2, 10, 3, 7, 3);
        }
    }

    @Test
    void pairEncodingGivesClsFirstSepAfterEachTextAndTypeIdsZeroThenOne() {
        try (TextTokenizer tok = TextTokenizer.load(dir)) {
            String a = "The patient has a fever";
            String b = "病人发烧";
            int na = tok.encode(a).length;
            int nb = tok.encode(b).length;
            PairEncoding e = tok.encodePair(a, b);
            int cls = tok.special().cls().orElseThrow().id();
            int sep = tok.special().sep().orElseThrow().id();
            assertThat(e.length()).isEqualTo(na + nb + 3);
            assertThat(e.ids()[0]).isEqualTo(cls);
            assertThat(e.ids()[na + 1]).isEqualTo(sep);
            assertThat(e.ids()[e.length() - 1]).isEqualTo(sep);
            int[] expectedTypes = new int[e.length()];
            Arrays.fill(expectedTypes, na + 2, e.length(), 1);
            assertThat(e.typeIds()).containsExactly(expectedTypes);
            assertThat(e.specialTokensMask()[0]).isEqualTo(1);
            assertThat(e.specialTokensMask()[1]).isZero();
            assertThat(tok.encodeWithSpecialTokens(a)).startsWith(cls).endsWith(sep).hasSize(na + 2);
        }
    }

    @Test
    void decodingGivesTheNormalizedTextWithChineseCharactersAsSeparateWords() {
        try (TextTokenizer tok = TextTokenizer.load(dir)) {
            assertThat(tok.decode(tok.encode("The patient has a FEVER, doctor?"), false))
                    .isEqualTo("the patient has a fever, doctor?");
            assertThat(tok.decode(tok.encode("病人发烧三天"), false)).isEqualTo("病 人 发 烧 三 天");
            assertThat(tok.decode(tok.encode("血压 high 早上"), false)).isEqualTo("血 压 high 早 上");
            assertThat(tok.decode(tok.encode("表情 🙂"), false)).isEqualTo("表 情 🙂");
            assertThat(tok.tokens("patients")).containsExactly("patient", "##s");
        }
    }

    @Test
    void unseenCharactersBecomeUnkAndSpecialTokensAreSkippedOnRequest() {
        try (TextTokenizer tok = TextTokenizer.load(dir)) {
            assertThat(tok.special().unk().orElseThrow().id()).isEqualTo(1);
            assertThat(tok.encode("😀")).containsExactly(1);
            int[] ids = tok.encodeWithSpecialTokens("fever [MASK]");
            assertThat(ids).contains(4);
            assertThat(tok.decode(ids, false)).isEqualTo("[CLS] fever [MASK] [SEP]");
            assertThat(tok.decode(ids, true)).isEqualTo("fever");
        }
    }

    @Test
    void specialTokensTakeTheFirstIdsAsInBert() {
        try (TextTokenizer tok = TextTokenizer.load(dir)) {
            SpecialTokens s = tok.special();
            assertThat(List.of(s.pad(), s.unk(), s.cls(), s.sep(), s.mask()))
                    .map(o -> o.orElseThrow().id()).containsExactly(0, 1, 2, 3, 4);
            assertThat(s.requirePad().text()).isEqualTo("[PAD]");
            assertThat(tok.vocabSize()).isEqualTo(500);
        }
    }

    @Test
    void wordsMatchTheWordsOfHuggingFacesBertPreTokenizer() throws Exception {
        List<String> texts = List.of("Hello, World! It's 3.14 $5 naïve café", "病人发烧三天了，请问？ok", "a\tb\u00a0c\u3000d");
        TrainedTokenizer t = WordPieceTrainer.train(
                TrainerConfig.defaults(TokenizerKind.WORDPIECE, 300).withMinFrequency(1), texts);
        Path out = shared.resolve("parity");
        TokenizerFiles.write(out, t);
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(out.resolve("tokenizer.json"),
                Map.of("addSpecialTokens", "false"))) {
            for (String text : texts) {
                List<String> ours = new ArrayList<>();
                new BertTextSplitter(true).split(text, ours::add);
                Encoding e = hf.encode(text);
                Map<Long, StringBuilder> words = new LinkedHashMap<>();
                for (int i = 0; i < e.getTokens().length; i++) {
                    words.computeIfAbsent(e.getWordIds()[i], k -> new StringBuilder())
                            .append(e.getTokens()[i].replaceFirst("^##", ""));
                }
                assertThat(words.values().stream().map(StringBuilder::toString).toList()).as(text).isEqualTo(ours);
            }
        }
    }

    @Test
    void tooSmallAVocabularyForTheAlphabetIsAnErrorThatSuggestsTheFix() {
        TrainerConfig cfg = TrainerConfig.defaults(TokenizerKind.WORDPIECE, 8);
        assertThatThrownBy(() -> WordPieceTrainer.train(cfg, List.of("abcdef")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vocabSize 8 is too small").hasMessageContaining("--limit-alphabet");
        TrainerConfig limited = new TrainerConfig(TokenizerKind.WORDPIECE, 9, 1, SpecialTokenRoles.WORDPIECE_DEFAULT,
                List.of(), 2, true, 512);
        TrainedTokenizer t = WordPieceTrainer.train(limited, List.of("aab aab b c d"));
        assertThat(t.vocab()).containsExactly("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "b", "##a", "##b");
    }

    @Test
    void wordPieceNeedsUnkClsAndSepRoles() {
        SpecialTokenRoles noUnk = new SpecialTokenRoles(null, null, "[PAD]", null, "[CLS]", "[SEP]", "[MASK]");
        assertThatThrownBy(() -> new TrainerConfig(TokenizerKind.WORDPIECE, 100, 2, noUnk, List.of(), 0, true, 512))
                .hasMessageContaining("WordPiece needs a unk token");
    }
}
