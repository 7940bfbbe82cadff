package org.align4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

    private TrainedTokenizer trainBpe() {
        return BpeTrainer.train(TrainerConfig.defaults(TokenizerKind.BPE, 300), Corpora.mixed(3_000, 5));
    }

    @Test
    void writesTheThreeFilesTransformersReadsAndNoTemporaryFiles() throws IOException {
        TrainedTokenizer t = trainBpe();
        TokenizerFiles.write(dir, t);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json");
        }
        JsonNode config = JSON.readTree(dir.resolve("tokenizer_config.json").toFile());
        assertThat(config.get("tokenizer_class").asText()).isEqualTo("PreTrainedTokenizerFast");
        assertThat(config.get("model_max_length").asInt()).isEqualTo(2048);
        assertThat(config.get("eos_token").asText()).isEqualTo("<|endoftext|>");
        assertThat(config.get("pad_token").asText()).isEqualTo("<|pad|>");
        assertThat(config.get("clean_up_tokenization_spaces").asBoolean()).isFalse();
        assertThat(config.get("additional_special_tokens")).hasSize(2);
        assertThat(config.at("/added_tokens_decoder/297/content").asText()).isEqualTo("<|endoftext|>");
        assertThat(config.at("/added_tokens_decoder/297/special").asBoolean()).isTrue();
        JsonNode map = JSON.readTree(dir.resolve("special_tokens_map.json").toFile());
        assertThat(map.get("pad_token").asText()).isEqualTo("<|pad|>");
        assertThat(map.has("bos_token")).isFalse();
    }

    @Test
    void chatTemplateAndTemplateNameAreWrittenBesideTheOtherKeysAndReadBack() throws IOException {
        TokenizerFiles.write(dir, trainBpe());
        String template = "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}";
        TokenizerFiles.writeChatTemplate(dir, template, "chatml");
        TokenizerSettings s = TokenizerFiles.readSettings(dir);
        assertThat(s.chatTemplate()).hasValue(template);
        assertThat(s.templateName()).hasValue("chatml");
        assertThat(s.tokenizerClass()).hasValue("PreTrainedTokenizerFast");
        assertThat(JSON.readTree(dir.resolve("tokenizer_config.json").toFile()).get("eos_token").asText())
                .isEqualTo("<|endoftext|>");
        try (TextTokenizer tok = TextTokenizer.load(dir)) {
            assertThat(tok.settings().templateName()).hasValue("chatml");
        }
        TokenizerFiles.writeChatTemplate(dir, null, null);
        assertThat(TokenizerFiles.readSettings(dir).chatTemplate()).isEmpty();
        assertThat(TokenizerFiles.readSettings(dir).templateName()).isEmpty();
    }

    @Test
    void writingAChatTemplateCreatesTheConfigWhenMissing() {
        TokenizerFiles.writeChatTemplate(dir, "T", "plain");
        assertThat(TokenizerFiles.readSettings(dir).chatTemplate()).hasValue("T");
    }

    @Test
    void readsHuggingFaceVariantsOfTheSettings() throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 1000000000000000019884624838656,"
                + " \"chat_template\": [{\"name\": \"tool_use\", \"template\": \"A\"}, {\"name\": \"default\", \"template\": \"B\"}]}");
        TokenizerSettings s = TokenizerFiles.readSettings(dir);
        assertThat(s.modelMaxLength()).isEmpty();
        assertThat(s.chatTemplate()).hasValue("B");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 512}");
        Files.writeString(dir.resolve("chat_template.jinja"), "{{ messages }}");
        s = TokenizerFiles.readSettings(dir);
        assertThat(s.modelMaxLength()).hasValue(512);
        assertThat(s.chatTemplate()).hasValue("{{ messages }}");
    }

    @Test
    void noConfigMeansNoSettings() {
        assertThat(TokenizerFiles.readSettings(dir)).isEqualTo(TokenizerSettings.NONE);
    }

    @Test
    void invalidSettingsAreErrorsNamingTheFileAndField() throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": \"long\"}");
        assertThatThrownBy(() -> TokenizerFiles.readSettings(dir)).isInstanceOf(TokenizerFileException.class)
                .hasMessageContaining("tokenizer_config.json").hasMessageContaining("model_max_length");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": 3}");
        assertThatThrownBy(() -> TokenizerFiles.readSettings(dir)).hasMessageContaining("chat_template must be");
        Files.writeString(dir.resolve("tokenizer_config.json"), "[1, 2]");
        assertThatThrownBy(() -> TokenizerFiles.readSettings(dir)).hasMessageContaining("must hold one JSON object");
    }

    @Test
    void aWriteIntoAnUnwritablePlaceFailsWithoutLeavingFilesBehind() throws IOException {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        assertThatThrownBy(() -> TokenizerFiles.write(blocker.resolve("sub"), trainBpe()))
                .isInstanceOf(TokenizerFileException.class).hasMessageContaining("cannot be written");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).isEqualTo(List.of(blocker));
        }
    }
}
