package org.align4j.datasets.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Rating;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.collate.Overflow;
import org.align4j.datasets.io.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {
    @TempDir Path dir;

    @Test
    void aPartlyInvalidFileIsRefusedWithTheFirstProblemsAndTheCount() {
        LoadOptions opts = new LoadOptions(false, DatasetValidatorTest.limit(Overflow.REPORT), 3);
        assertThatThrownBy(() -> DatasetLoader.load(new ByteArrayInputStream(DatasetValidatorTest.badPairs()),
                        "pairs.jsonl", Codecs.PAIRS, opts))
                .isInstanceOf(InvalidDatasetException.class)
                .hasMessageStartingWith("pairs.jsonl: 9 of 11 rows are invalid; nothing was trained on (fix them, or"
                        + " skip them with --skip-invalid to use the 2 valid rows)\n  pairs.jsonl:2: malformed JSON")
                .hasMessageContaining("\n  pairs.jsonl:3: \"rejected\" is missing")
                .hasMessageEndingWith("\n  ... and 6 more (align data validate FILE --report problems.jsonl lists them all)")
                .satisfies(e -> {
                    InvalidDatasetException ide = (InvalidDatasetException) e;
                    assertThat(ide.problems()).hasSize(3);
                    assertThat(ide.problemCount()).isEqualTo(9);
                });
    }

    @Test
    void skipInvalidReturnsTheValidRowsAndTheSkippedCount() {
        LoadOptions opts = LoadOptions.strict().withSkipInvalid(true)
                .withLengthLimit(DatasetValidatorTest.limit(Overflow.REPORT));
        Loaded<PreferencePair> l = DatasetLoader.load(new ByteArrayInputStream(DatasetValidatorTest.badPairs()),
                "pairs.jsonl", Codecs.PAIRS, opts);
        assertThat(l.rows()).containsExactly(PreferencePair.of("Q1", "good", "bad"), PreferencePair.of("Q11", "good", "bad"));
        assertThat(l.skippedCount()).isEqualTo(9);
        assertThat(l.skipped()).hasSize(LoadOptions.DEFAULT_PROBLEMS_SHOWN - 1);
        assertThat(l.describe()).isEqualTo("pairs.jsonl: 11 rows, 2 valid, 9 invalid (skipped 9 invalid rows)");
    }

    @Test
    void aValidJsonArrayFileLoadsInOrder() throws Exception {
        Path f = dir.resolve("sft.json");
        Files.writeString(f, "[{\"instruction\":\"Q\",\"output\":\"A\"},\n {\"messages\":[{\"role\":\"user\",\"content\":\"q\"},"
                + "{\"role\":\"assistant\",\"content\":\"a\"}]}]", StandardCharsets.UTF_8);
        Loaded<SftExample> l = DatasetLoader.load(f, Codecs.SFT, LoadOptions.strict());
        assertThat(l.rows()).hasSize(2);
        assertThat(l.rows().get(0).isAlpaca()).isTrue();
        assertThat(l.describe()).isEqualTo(f + ": 2 rows, 2 valid, 0 invalid");
    }

    @Test
    void fileProblemsAndEmptyFilesFailEvenWhenSkipping() throws Exception {
        Path ratings = dir.resolve("r.jsonl");
        Files.writeString(ratings, "{\"prompt\":\"a\",\"response\":\"x\",\"score\":4}\n{\"prompt\":\"b\",\"response\":\"x\",\"score\":1}\n");
        assertThatThrownBy(() -> DatasetLoader.load(ratings, Codecs.RATINGS, LoadOptions.strict().withSkipInvalid(true)))
                .hasMessageStartingWith(ratings + ": the file has problems that skipping rows cannot fix; nothing was"
                        + " trained on\n  " + ratings + ":2: score 1 without \"scale\"");
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "\n\n");
        assertThatThrownBy(() -> DatasetLoader.load(empty, Codecs.RATINGS, LoadOptions.strict().withSkipInvalid(true)))
                .hasMessage(empty + ": no valid ratings rows (the file is empty)");
        Path ok = dir.resolve("ok.jsonl");
        Files.writeString(ok, "{\"prompt\":\"a\",\"response\":\"x\",\"score\":4}\n");
        assertThat(DatasetLoader.load(ok, Codecs.RATINGS, LoadOptions.strict()).rows())
                .containsExactly(Rating.of("a", "x", 4));
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> DatasetLoader.load(dir.resolve("nope.jsonl"), Codecs.SFT, LoadOptions.strict()))
                .hasMessageStartingWith("cannot read " + dir.resolve("nope.jsonl"))
                .hasMessageEndingWith("(check that the file exists and is readable)");
        assertThatThrownBy(() -> new LoadOptions(false, null, 0)).hasMessage("problemsShown is 0; use 1 or more");
    }
}
