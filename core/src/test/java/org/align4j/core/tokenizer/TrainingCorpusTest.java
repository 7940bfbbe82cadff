package org.align4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCorpusTest {
    @TempDir Path dir;

    @Test
    void plainTextGivesOneTextPerNonBlankLine() throws IOException {
        Path f = Files.writeString(dir.resolve("a.txt"), "第一行\n\n  \nsecond line\r\nlast");
        TrainingCorpus c = TrainingCorpus.read(List.of(f));
        assertThat(c.texts()).containsExactly("第一行", "second line", "last");
        assertThat(c.bytes()).isEqualTo(Files.size(f));
    }

    @Test
    void jsonLinesGiveEveryStringValueRecursivelyButNotKeysOrNumbers() throws IOException {
        Path f = Files.writeString(dir.resolve("sft.jsonl"),
                "{\"messages\": [{\"role\": \"user\", \"content\": \"头痛怎么办？\"}, {\"role\": \"assistant\", \"content\": \"Rest.\"}], \"id\": 7}\n"
                        + "\n{\"prompt\": \"p\", \"chosen\": \"c\", \"rejected\": \"\"}\n");
        Path json = Files.writeString(dir.resolve("alpaca.json"), "[{\"instruction\": \"i\", \"output\": \"o\"}]");
        assertThat(TrainingCorpus.read(List.of(f, json)).texts())
                .containsExactly("user", "头痛怎么办？", "assistant", "Rest.", "p", "c", "i", "o");
    }

    @Test
    void aBadJsonLineIsAnErrorNamingTheFileAndLine() throws IOException {
        Path f = Files.writeString(dir.resolve("bad.jsonl"), "{\"a\": \"b\"}\n{\"a\": \n");
        assertThatThrownBy(() -> TrainingCorpus.read(List.of(f))).isInstanceOf(TokenizerFileException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("line 2 is not valid JSON");
    }

    @Test
    void textThatIsNotUtf8IsAnErrorNamingTheFile() throws IOException {
        Path f = dir.resolve("latin1.txt");
        Files.write(f, new byte[] {'o', 'k', '\n', (byte) 0xE9, 't', 'e', '\n'});
        assertThatThrownBy(() -> TrainingCorpus.read(List.of(f))).isInstanceOf(TokenizerFileException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("not UTF-8");
    }

    @Test
    void missingFilesDirectoriesAndNoFilesAreErrors() {
        Path missing = dir.resolve("nope.txt");
        assertThatThrownBy(() -> TrainingCorpus.read(List.of(missing))).hasMessageContaining(missing.toString())
                .hasMessageContaining("not found");
        assertThatThrownBy(() -> TrainingCorpus.read(List.of(dir))).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> TrainingCorpus.read(List.of())).hasMessageContaining("no input files");
    }

    @Test
    void trainingOnACorpusWithoutTextIsAnError() throws IOException {
        Path f = Files.writeString(dir.resolve("empty.jsonl"), "{\"n\": 1}\n");
        List<String> texts = TrainingCorpus.read(List.of(f)).texts();
        assertThatThrownBy(() -> TokenizerTrainer.train(TrainerConfig.defaults(TokenizerKind.BPE, 300), texts))
                .hasMessageContaining("no text");
    }
}
