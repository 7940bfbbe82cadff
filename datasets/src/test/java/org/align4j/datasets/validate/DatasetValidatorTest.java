package org.align4j.datasets.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.datasets.Problem;
import org.align4j.datasets.collate.ApproximateTokenCounter;
import org.align4j.datasets.collate.LengthMeter;
import org.align4j.datasets.collate.Overflow;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.io.Json;
import org.align4j.datasets.io.JsonRowReader;
import org.align4j.datasets.io.RecordCodec;
import org.align4j.datasets.template.ChatTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetValidatorTest {
    static final String LONG = "word ".repeat(60).strip();

    /** One line per validation error, plus valid lines 1 and 11. */
    static byte[] badPairs() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String[] lines = {
            "{\"prompt\":\"Q1\",\"chosen\":\"good\",\"rejected\":\"bad\"}",
            "{\"prompt\":\"Q2\",\"chosen\":\"good\"",
            "{\"prompt\":\"Q3\",\"chosen\":\"good\"}",
            "{\"prompt\":\"Q4\",\"chosen\":\"\",\"rejected\":\"bad\"}",
            "{\"prompt\":\"Q5\",\"chosen\":[\"good\"],\"rejected\":\"bad\"}",
            "{\"prompt\":\"Q6\",\"chosen\":\"same\",\"rejected\":\"same\"}",
            null,
            "{\"prompt\":\"Q8\",\"chosen\":\"" + LONG + "\",\"rejected\":\"bad\"}",
            "{\"prompt\":\"Q1\",\"chosen\":\"good\",\"rejected\":\"bad\",\"id\":\"again\"}",
            "{\"prompt\":\"Q10\",\"chosen\":\"good\",\"rejected\":\"bad\",\"score\":1}",
            "{\"prompt\":\"Q11\",\"chosen\":\"good\",\"rejected\":\"bad\"}",
        };
        for (String l : lines) {
            if (l == null) {
                b.writeBytes("{\"prompt\":\"Q7 ".getBytes(StandardCharsets.UTF_8));
                b.write(0xE4);
                b.write(0xB8);
                b.writeBytes("\",\"chosen\":\"a\",\"rejected\":\"b\"}".getBytes(StandardCharsets.UTF_8));
            } else {
                b.writeBytes(l.getBytes(StandardCharsets.UTF_8));
            }
            b.write('\n');
        }
        return b.toByteArray();
    }

    static LengthLimit limit(Overflow overflow) {
        return new LengthLimit(new LengthMeter(ChatTemplates.chatml(), new ApproximateTokenCounter(), false), 30,
                overflow);
    }

    private static <T> List<String> run(byte[] bytes, RecordCodec<T> codec, LengthLimit limit,
            List<ValidationSummary> summary) {
        List<String> problems = new ArrayList<>();
        try (JsonRowReader r = JsonRowReader.open(new ByteArrayInputStream(bytes), "pairs.jsonl")) {
            summary.add(DatasetValidator.validate(r, codec, limit, (line, row) -> { }, p -> problems.add(p.toString())));
        }
        return problems;
    }

    @Test
    void everyKindOfProblemIsReportedWithFileLineAndFix() {
        List<ValidationSummary> s = new ArrayList<>();
        List<String> problems = run(badPairs(), Codecs.PAIRS, limit(Overflow.REPORT), s);
        assertThat(problems).hasSize(9);
        assertThat(problems.get(0)).startsWith("pairs.jsonl:2: malformed JSON at column ")
                .endsWith("(fix the JSON; each line must hold one complete object)");
        // line 8: 3 approximate prompt tokens (<|im_start|>user, Q8<|im_end|>, <|im_start|>assistant) + 60 words
        assertThat(problems.subList(1, 9)).containsExactly(
                "pairs.jsonl:3: \"rejected\" is missing (give the answer that was not preferred)",
                "pairs.jsonl:4: \"chosen\" is empty (give the preferred answer)",
                "pairs.jsonl:5: \"chosen[0]\" is a string, not an object (give a {\"role\", \"content\"} object)",
                "pairs.jsonl:6: \"chosen\" and \"rejected\" are the same text (a pair needs two different answers;"
                        + " drop the row or fix one answer)",
                "pairs.jsonl:7: invalid UTF-8 at byte 15 of the line (save the file as UTF-8; other encodings are"
                        + " not read)",
                "pairs.jsonl:8: 63 tokens after the chatml template, more than the limit of 30 (shorten the row,"
                        + " raise the limit, or choose to drop or truncate rows that are too long)",
                "pairs.jsonl:9: duplicate of line 1 (remove the repeated row; a duplicate counts one example twice)",
                "pairs.jsonl:10: unknown field \"score\" (allowed fields: prompt, chosen, rejected, id, source,"
                        + " margin, weight, reason)");
        assertThat(s.get(0)).isEqualTo(new ValidationSummary("pairs.jsonl", 11, 2, 9, 0, 0, 0));
        assertThat(s.get(0).isClean()).isFalse();
        assertThat(s.get(0).describe()).isEqualTo("pairs.jsonl: 11 rows, 2 valid, 9 invalid");
    }

    @Test
    void tooLongRowsCanBeDroppedOrKeptForTruncation() {
        List<ValidationSummary> s = new ArrayList<>();
        assertThat(run(badPairs(), Codecs.PAIRS, limit(Overflow.DROP), s)).hasSize(8);
        assertThat(s.get(0).droppedTooLong()).isEqualTo(1);
        assertThat(s.get(0).describe()).endsWith(", 1 too long and dropped");
        assertThat(run(badPairs(), Codecs.PAIRS, limit(Overflow.TRUNCATE), s)).hasSize(8);
        assertThat(s.get(1).truncatedTooLong()).isEqualTo(1);
        assertThat(s.get(1).valid()).isEqualTo(3);
        assertThat(run(badPairs(), Codecs.PAIRS, null, s)).hasSize(8);
    }

    @Test
    void unpairedRowsAreMeasuredLikeTheSequenceKtoTrainsOn() {
        byte[] rows = ("{\"prompt\":\"Q1\",\"completion\":\"fine\",\"label\":true}\n"
                + "{\"prompt\":\"Q2\",\"completion\":\"" + LONG + "\",\"label\":false}\n")
                .getBytes(StandardCharsets.UTF_8);
        List<ValidationSummary> s = new ArrayList<>();
        // 3 approximate prompt tokens + 60 words, as line 8 of badPairs()
        assertThat(run(rows, Codecs.UNPAIRED, limit(Overflow.REPORT), s)).containsExactly(
                "pairs.jsonl:2: 63 tokens after the chatml template, more than the limit of 30 (shorten the row,"
                        + " raise the limit, or choose to drop or truncate rows that are too long)");
        assertThat(s.get(0).valid()).isEqualTo(1);
    }

    @Test
    void anUnlabelledOneToFiveScaleIsAProblemWithTheWholeFile() {
        byte[] ratings = ("{\"prompt\":\"a\",\"response\":\"x\",\"score\":4}\n"
                + "{\"prompt\":\"b\",\"response\":\"x\",\"score\":1}\n"
                + "{\"prompt\":\"c\",\"response\":\"x\",\"score\":1,\"scale\":\"1-5\"}\n").getBytes(StandardCharsets.UTF_8);
        List<ValidationSummary> s = new ArrayList<>();
        assertThat(run(ratings, Codecs.RATINGS, null, s)).containsExactly(
                "pairs.jsonl:2: score 1 without \"scale\" reads as a thumbs-up, but 1 rows without \"scale\" use the"
                        + " 1-5 scale (first on line 1) (add \"scale\": \"1-5\" or \"scale\": \"thumbs\" to the rows;"
                        + " this cannot be skipped)");
        assertThat(s.get(0).fileProblems()).isEqualTo(1);
        byte[] thumbs = "{\"prompt\":\"a\",\"response\":\"x\",\"score\":0}\n{\"prompt\":\"b\",\"response\":\"x\",\"score\":1}\n"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(run(thumbs, Codecs.RATINGS, null, s)).isEmpty();
    }

    @Test
    void problemsAreWrittenAsJsonl(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("problems.jsonl");
        try (ProblemReport r = new ProblemReport(report)) {
            r.accept(new Problem("f.jsonl", 3, "\"chosen\" is empty", "give the preferred answer"));
            r.commit();
        }
        assertThat(Files.readAllLines(report)).containsExactly(
                "{\"file\":\"f.jsonl\",\"line\":3,\"message\":\"\\\"chosen\\\" is empty\",\"fix\":\"give the preferred answer\"}");
        assertThat(Json.mapper().readTree(Files.readAllLines(report).get(0)).get("line").asLong()).isEqualTo(3);
    }
}
