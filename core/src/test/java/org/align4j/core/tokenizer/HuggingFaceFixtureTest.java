package org.align4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokenizers made by Python's Hugging Face tokenizers 0.23.2 (src/test/resources/.../hf/generate.py), with
 * the ids Python gave for each sample: align4j must load files it did not write and agree with Python.
 */
class HuggingFaceFixtureTest {
    static Path root;
    static JsonNode expected;
    static List<String> samples = new ArrayList<>();

    @BeforeAll
    static void readExpected() throws Exception {
        root = Path.of(HuggingFaceFixtureTest.class.getResource("hf").toURI());
        expected = new ObjectMapper().readTree(root.resolve("expected.json").toFile());
        expected.get("samples").forEach(s -> samples.add(s.asText()));
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static void assertSameAsPython(TextTokenizer tok, JsonNode want) {
        for (int i = 0; i < samples.size(); i++) {
            int[] ids = tok.encode(samples.get(i));
            assertThat(ids).as(samples.get(i)).containsExactly(ints(want.get("ids").get(i)));
            assertThat(tok.decode(ids, false)).isEqualTo(want.get("decoded").get(i).asText());
        }
        PairEncoding pair = tok.encodePair(samples.get(0), samples.get(1));
        assertThat(pair.ids()).containsExactly(ints(want.get("pair_ids")));
        assertThat(pair.typeIds()).containsExactly(ints(want.get("pair_type_ids")));
    }

    @Test
    void byteLevelBpeMadeByHuggingFaceGivesPythonsIdsAndQwenStyleSpecialTokens() {
        try (TextTokenizer tok = TextTokenizer.load(root.resolve("gpt2-like"))) {
            assertSameAsPython(tok, expected.get("gpt2-like"));
            int endOfText = tok.tokenId("<|endoftext|>").orElseThrow();
            int imEnd = tok.tokenId("<|im_end|>").orElseThrow();
            SpecialTokens s = tok.special();
            assertThat(tok.vocabSize()).isEqualTo(402);
            assertThat(s.eos().orElseThrow()).isEqualTo(new SpecialToken("<|im_end|>", imEnd, "generation_config.json eos_token_id"));
            assertThat(s.eosIds()).containsExactly(imEnd, endOfText);
            assertThat(s.bos().orElseThrow().source()).isEqualTo("config.json bos_token_id");
            assertThat(s.pad()).isEmpty();
            assertThat(s.padForCausalLm()).satisfies(p -> {
                assertThat(p.eosFallback()).isTrue();
                assertThat(p.id()).isEqualTo(imEnd);
            });
            assertThat(tok.settings().modelMaxLength()).hasValue(1024);
        }
    }

    @Test
    void wordPieceMadeByHuggingFaceGivesPythonsIdsTypeIdsAndBertTokens() {
        try (TextTokenizer tok = TextTokenizer.load(root.resolve("bert-like"))) {
            assertSameAsPython(tok, expected.get("bert-like"));
            SpecialTokens s = tok.special();
            assertThat(List.of(s.pad(), s.unk(), s.cls(), s.sep(), s.mask()))
                    .map(o -> o.orElseThrow().text()).containsExactly("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
            assertThat(s.cls().orElseThrow().source()).isEqualTo("special_tokens_map.json cls_token");
            assertThat(s.eos()).isEmpty();
            assertThat(tok.settings().tokenizerClass()).hasValue("BertTokenizer");
        }
    }
}
