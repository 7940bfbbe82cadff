package org.align4j.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.align4j.cli.CliRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code align model init --tokenizer} takes the special token ids the tokenizer resolves for training. */
class ModelInitTokenizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path shared;
    static Path trained;
    @TempDir Path tmp;

    @BeforeAll
    static void train() throws Exception {
        Path corpus = Files.writeString(shared.resolve("corpus.txt"), "my child has a fever\n孩子发烧了\n".repeat(20));
        trained = shared.resolve("tok");
        CliRunner.run("tokenizer", "train", "--input", corpus.toString(), "--vocab-size", "300", "--kind", "bpe",
                "--out", trained.toString()).succeeded();
    }

    /** The trained tokenizer.json with only the given side files. */
    private Path tokenizerWith(String... nameAndContent) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tok"));
        Files.copy(trained.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        for (int i = 0; i < nameAndContent.length; i += 2) {
            Files.writeString(dir.resolve(nameAndContent[i]), nameAndContent[i + 1]);
        }
        return dir;
    }

    private static int addedId(String content) throws Exception {
        for (JsonNode t : JSON.readTree(trained.resolve("tokenizer.json").toFile()).get("added_tokens")) {
            if (t.get("content").asText().equals(content)) {
                return t.get("id").asInt();
            }
        }
        throw new AssertionError(content + " is not an added token");
    }

    @Test
    void idsComeFromSpecialTokensMapAndGenerationConfigAsTrainingResolvesThem() throws Exception {
        Path tok = tokenizerWith("tokenizer_config.json", "{\"eos_token\": \"<|endoftext|>\"}",
                "special_tokens_map.json", "{\"pad_token\": {\"content\": \"<|pad|>\"}}",
                "generation_config.json", "{\"eos_token_id\": " + addedId("<|im_end|>") + "}");
        Path model = tmp.resolve("m");
        CliRunner.run("model", "init", "--arch", "qwen2", "--tokenizer", tok.toString(), "--out", model.toString())
                .succeeded();
        JsonNode config = JSON.readTree(model.resolve("config.json").toFile());
        // generation_config.json's eos (when generation stops) wins over tokenizer_config.json's; the pad declared
        // only in special_tokens_map.json counts
        assertThat(config.get("eos_token_id").asInt()).isEqualTo(addedId("<|im_end|>"));
        assertThat(config.get("pad_token_id").asInt()).isEqualTo(addedId("<|pad|>"));
        assertThat(config.has("bos_token_id")).isFalse();
        // the vocabulary size is the largest id + 1; a BPE tokenizer's special tokens come last, <|im_end|> the last
        assertThat(config.get("vocab_size").asInt()).isEqualTo(addedId("<|im_end|>") + 1);
    }

    @Test
    void aSpecialTokenMissingFromTheVocabularyIsAnErrorNamingTheFile() throws Exception {
        Path tok = tokenizerWith("tokenizer_config.json", "{\"eos_token\": \"<|nope|>\"}");
        Path model = tmp.resolve("m");
        CliRunner.Result r = CliRunner.run("model", "init", "--arch", "qwen2", "--tokenizer", tok.toString(), "--out",
                model.toString());
        r.failedWithoutWriting(tok.resolve("tokenizer_config.json") + ": eos_token '<|nope|>' is not in the vocabulary"
                + " of tokenizer.json; add it to added_tokens or fix eos_token", model);
    }
}
