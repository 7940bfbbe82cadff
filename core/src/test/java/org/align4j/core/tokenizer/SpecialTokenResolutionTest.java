package org.align4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecialTokenResolutionTest {
    @TempDir static Path shared;
    static Path trained;
    // Ids of the trained 300-token BPE vocabulary: specials last, in role order then extras.
    static final int PAD = 296;
    static final int EOS = 297;
    static final int IM_START = 298;
    static final int IM_END = 299;

    @TempDir Path dir;

    @BeforeAll
    static void train() {
        trained = shared.resolve("bpe");
        TokenizerFiles.write(trained,
                BpeTrainer.train(TrainerConfig.defaults(TokenizerKind.BPE, 300), Corpora.mixed(5_000, 2)));
    }

    /** A model directory holding only the trained tokenizer.json plus the given files. */
    private Path withFiles(String... nameAndContent) throws IOException {
        Files.copy(trained.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        for (int i = 0; i < nameAndContent.length; i += 2) {
            Files.writeString(dir.resolve(nameAndContent[i]), nameAndContent[i + 1]);
        }
        return dir;
    }

    private static SpecialTokens load(Path d) {
        try (TextTokenizer t = TextTokenizer.load(d)) {
            return t.special();
        }
    }

    @Test
    void trainedDirectoryDeclaresEosPadAndTheChatTokens() {
        SpecialTokens s = load(trained);
        assertThat(s.eos().orElseThrow()).isEqualTo(new SpecialToken("<|endoftext|>", EOS, "tokenizer_config.json eos_token"));
        assertThat(s.pad().orElseThrow().id()).isEqualTo(PAD);
        assertThat(s.padForCausalLm().eosFallback()).isFalse();
        assertThat(s.eosIds()).containsExactly(EOS);
        assertThat(s.bos()).isEmpty();
        assertThat(s.addedTokenId("<|im_start|>")).hasValue(IM_START);
        assertThat(s.addedTokens()).contains(new AddedToken("<|im_end|>", IM_END, true));
    }

    @Test
    void missingPadFallsBackToEosOnlyForCausalLmsAndSaysSo() throws IOException {
        SpecialTokens s = load(withFiles("tokenizer_config.json", "{\"eos_token\": \"<|endoftext|>\"}"));
        assertThat(s.pad()).isEmpty();
        ResolvedPad pad = s.padForCausalLm();
        assertThat(pad.eosFallback()).isTrue();
        assertThat(pad.id()).isEqualTo(EOS).isNotZero();
        assertThat(pad.token().source()).contains("eos used as pad");
        assertThatThrownBy(s::requirePad).isInstanceOf(IllegalStateException.class).hasMessageContaining("pad_token");
    }

    @Test
    void withNoConfigFilesNothingIsGuessed() throws IOException {
        SpecialTokens s = load(withFiles());
        assertThat(List.of(s.bos(), s.eos(), s.pad(), s.unk(), s.cls(), s.sep(), s.mask())).allMatch(o -> o.isEmpty());
        assertThat(s.eosIds()).isEmpty();
        assertThatThrownBy(s::padForCausalLm).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither a pad nor an eos");
        assertThat(s.addedTokens()).hasSize(4);
    }

    @Test
    void generationConfigEosListWinsAndTheTokenizerEosJoinsTheStopIds() throws IOException {
        SpecialTokens s = load(withFiles(
                "generation_config.json", "{\"eos_token_id\": [" + IM_END + ", " + IM_START + "]}",
                "config.json", "{\"eos_token_id\": 5}",
                "tokenizer_config.json", "{\"eos_token\": \"<|endoftext|>\"}"));
        assertThat(s.eos().orElseThrow()).isEqualTo(new SpecialToken("<|im_end|>", IM_END, "generation_config.json eos_token_id"));
        assertThat(s.eosIds()).containsExactly(IM_END, IM_START, EOS);
        assertThat(s.isEos(EOS)).isTrue();
        assertThat(s.isEos(5)).isFalse();
    }

    @Test
    void configJsonIdsApplyWhenNoGenerationConfigAndTokenizerFilesComeFirstForBosAndPad() throws IOException {
        SpecialTokens s = load(withFiles(
                "config.json", "{\"eos_token_id\": " + IM_END + ", \"bos_token_id\": 7, \"pad_token_id\": null}",
                "special_tokens_map.json", "{\"bos_token\": {\"content\": \"<|im_start|>\", \"lstrip\": false}}",
                "generation_config.json", "{\"pad_token_id\": " + PAD + "}"));
        assertThat(s.eos().orElseThrow().source()).isEqualTo("config.json eos_token_id");
        assertThat(s.bos().orElseThrow()).isEqualTo(new SpecialToken("<|im_start|>", IM_START, "special_tokens_map.json bos_token"));
        assertThat(s.pad().orElseThrow()).isEqualTo(new SpecialToken("<|pad|>", PAD, "generation_config.json pad_token_id"));
    }

    @Test
    void tokenizerConfigOverridesSpecialTokensMap() throws IOException {
        SpecialTokens s = load(withFiles(
                "tokenizer_config.json", "{\"pad_token\": {\"__type\": \"AddedToken\", \"content\": \"<|im_end|>\"}}",
                "special_tokens_map.json", "{\"pad_token\": \"<|pad|>\"}"));
        assertThat(s.pad().orElseThrow().id()).isEqualTo(IM_END);
    }

    @Test
    void aDeclaredTokenOutsideTheVocabularyIsAnErrorNamingTheFile() throws IOException {
        Path d = withFiles("tokenizer_config.json", "{\"pad_token\": \"<pad>\"}");
        assertThatThrownBy(() -> TextTokenizer.load(d)).isInstanceOf(TokenizerFileException.class)
                .hasMessageContaining(d.resolve("tokenizer_config.json").toString())
                .hasMessageContaining("pad_token '<pad>' is not in the vocabulary");
    }

    @Test
    void anIdOutOfRangeIsAnErrorNamingTheFileAndTheRange() throws IOException {
        Path d = withFiles("generation_config.json", "{\"eos_token_id\": 300}");
        assertThatThrownBy(() -> TextTokenizer.load(d)).isInstanceOf(TokenizerFileException.class)
                .hasMessageContaining("generation_config.json")
                .hasMessageContaining("[0, 300), found 300");
    }

    @Test
    void aMalformedConfigFileIsAnErrorNamingIt() throws IOException {
        Path d = withFiles("config.json", "{\"eos_token_id\": ");
        assertThatThrownBy(() -> TextTokenizer.load(d)).isInstanceOf(TokenizerFileException.class)
                .hasMessageContaining(d.resolve("config.json").toString()).hasMessageContaining("not valid JSON");
    }
}
