package org.align4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextTokenizerTest {
    @TempDir static Path shared;
    static Path bpe;
    static Path wordPiece;

    @TempDir Path dir;

    @BeforeAll
    static void train() {
        bpe = shared.resolve("bpe");
        TokenizerFiles.write(bpe, BpeTrainer.train(TrainerConfig.defaults(TokenizerKind.BPE, 400), Corpora.mixed(20_000, 4)));
        wordPiece = shared.resolve("wp");
        TokenizerFiles.write(wordPiece, WordPieceTrainer.train(
                TrainerConfig.defaults(TokenizerKind.WORDPIECE, 400), Corpora.mixed(20_000, 4)));
    }

    @Test
    void batchEncodingAndDecodingMatchOneAtATime() {
        List<String> texts = List.of("病人发烧", "The dose is 2 tablets", "", "混合 mixed 🙂");
        try (TextTokenizer tok = TextTokenizer.load(bpe)) {
            int[][] batch = tok.encodeBatch(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(batch[i]).containsExactly(tok.encode(texts.get(i)));
            }
            assertThat(tok.decodeBatch(batch, false)).isEqualTo(texts);
        }
    }

    @Test
    void encodesFromSeveralThreadsAtOnce() throws Exception {
        List<String> texts = Corpora.mixed(4_000, 9);
        try (TextTokenizer tok = TextTokenizer.load(bpe)) {
            int[][] expected = tok.encodeBatch(texts);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    results.add(pool.submit(() -> {
                        for (int round = 0; round < 20; round++) {
                            for (int i = 0; i < texts.size(); i++) {
                                if (!java.util.Arrays.equals(tok.encode(texts.get(i)), expected[i])
                                        || !tok.decode(expected[i], false).equals(texts.get(i))) {
                                    return false;
                                }
                            }
                        }
                        return true;
                    }));
                }
                for (java.util.concurrent.Future<Boolean> r : results) {
                    assertThat(r.get()).isTrue();
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void loadsFromTheTokenizerJsonFileItselfAndMapsTokensToIdsBothWays() {
        try (TextTokenizer tok = TextTokenizer.load(bpe.resolve("tokenizer.json"))) {
            assertThat(tok.directory()).isEqualTo(bpe.toAbsolutePath());
            assertThat(tok.special().eos()).isPresent();
            assertThat(tok.tokenId("Ġ")).hasValue(32);
            assertThat(tok.token(32)).hasValue("Ġ");
            assertThat(tok.tokenId("<|im_end|>")).hasValue(tok.vocabSize() - 1);
            assertThat(tok.tokenId("not a token")).isEmpty();
            assertThat(tok.token(tok.vocabSize())).isEmpty();
            assertThat(tok.settings().modelMaxLength()).hasValue(2048);
        }
    }

    @Test
    void byteLevelPairEncodingConcatenatesWithTypeIds() {
        try (TextTokenizer tok = TextTokenizer.load(bpe)) {
            PairEncoding e = tok.encodePair("问题", "answer");
            int na = tok.encode("问题").length;
            assertThat(e.length()).isEqualTo(na + tok.encode("answer").length);
            assertThat(e.typeIds()).startsWith(new int[na]).endsWith(1);
        }
    }

    @Test
    void bertProcessingDeclaresClsAndSepAndTheWordPieceModelDeclaresUnk() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(wordPiece.resolve("tokenizer.json").toFile());
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "BertProcessing");
        post.putArray("sep").add("[SEP]").add(3);
        post.putArray("cls").add("[CLS]").add(2);
        json.writeValue(dir.resolve("tokenizer.json").toFile(), root);
        try (TextTokenizer tok = TextTokenizer.load(dir)) {
            assertThat(tok.special().cls().orElseThrow()).isEqualTo(new SpecialToken("[CLS]", 2, "tokenizer.json post_processor.cls"));
            assertThat(tok.special().sep().orElseThrow().id()).isEqualTo(3);
            assertThat(tok.special().unk().orElseThrow().source()).isEqualTo("tokenizer.json model.unk_token");
            assertThat(tok.special().pad()).isEmpty();
            PairEncoding e = tok.encodePair("fever", "病");
            assertThat(e.ids()[0]).isEqualTo(2);
            assertThat(e.typeIds()[e.length() - 1]).isEqualTo(1);
        }
    }

    @Test
    void aTextOfMoreThan2000TokensIsEncodedWholeByEveryEncodingMethod() {
        String text = String.join(" ", Corpora.mixed(30_000, 5));
        try (TextTokenizer tok = TextTokenizer.load(bpe)) {
            int[] ids = tok.encode(text);
            assertThat(ids.length).isGreaterThan(2_000);
            assertThat(tok.decode(ids, false)).isEqualTo(text);
            assertThat(tok.encodeWithSpecialTokens(text)).hasSizeGreaterThanOrEqualTo(ids.length);
            assertThat(tok.encodeBatch(List.of(text, "short"))[0]).containsExactly(ids);
            assertThat(tok.tokens(text)).hasSize(ids.length);
            assertThat(tok.encodePair(text, text).length()).isGreaterThanOrEqualTo(2 * ids.length);
        }
    }

    @Test
    void truncationAndPaddingStoredInTokenizerJsonAreNotApplied() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(bpe.resolve("tokenizer.json").toFile());
        ObjectNode truncation = root.putObject("truncation");
        truncation.put("direction", "Right").put("max_length", 16).put("strategy", "LongestFirst").put("stride", 0);
        ObjectNode padding = root.putObject("padding");
        padding.putObject("strategy").put("Fixed", 64);
        var added = root.get("added_tokens").get(0);
        padding.put("direction", "Right").put("pad_to_multiple_of", (String) null)
                .put("pad_id", added.get("id").asInt()).put("pad_type_id", 0)
                .put("pad_token", added.get("content").asText());
        json.writeValue(dir.resolve("tokenizer.json").toFile(), root);
        String text = String.join(" ", Corpora.mixed(2_000, 6));
        try (TextTokenizer stored = TextTokenizer.load(dir); TextTokenizer plain = TextTokenizer.load(bpe)) {
            int[] ids = stored.encode(text);
            assertThat(ids.length).isGreaterThan(64);
            assertThat(ids).containsExactly(plain.encode(text));
            assertThat(stored.encode("fever")).containsExactly(plain.encode("fever"));
        }
    }

    @Test
    void aMissingTokenizerJsonIsAnErrorNamingTheFile() {
        assertThatThrownBy(() -> TextTokenizer.load(dir)).isInstanceOf(TokenizerFileException.class)
                .hasMessageContaining(dir.resolve("tokenizer.json").toString()).hasMessageContaining("not found");
    }

    @Test
    void aTokenizerJsonThatIsNotJsonIsAnErrorNamingTheFileAndLine() throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), "{\n  \"version\": \"1.0\",\n  oops\n}");
        assertThatThrownBy(() -> TextTokenizer.load(dir)).isInstanceOf(TokenizerFileException.class)
                .hasMessageContaining(dir.resolve("tokenizer.json").toString())
                .hasMessageContaining("not valid JSON at line 3");
    }

    @Test
    void aJsonFileWithoutAVocabularyIsNotTakenForATokenizer() throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), "{\"version\": \"1.0\", \"model\": {\"type\": \"BPE\"}}");
        assertThatThrownBy(() -> TextTokenizer.load(dir)).isInstanceOf(TokenizerFileException.class)
                .hasMessageContaining("tokenizer.json").hasMessageContaining("has no model.vocab");
    }

    @Test
    void aTokenizerJsonTheNativeLibraryRejectsIsAnErrorNamingTheFile() throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"),
                "{\"version\": \"1.0\", \"model\": {\"type\": \"NoSuchModel\", \"vocab\": {\"a\": 0}}}");
        assertThatThrownBy(() -> TextTokenizer.load(dir)).isInstanceOf(TokenizerFileException.class)
                .hasMessageContaining(dir.resolve("tokenizer.json").toString())
                .hasMessageContaining("Hugging Face tokenizers rejected it");
    }
}
