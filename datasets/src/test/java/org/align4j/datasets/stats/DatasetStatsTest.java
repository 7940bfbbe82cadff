package org.align4j.datasets.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.align4j.datasets.collate.ApproximateTokenCounter;
import org.align4j.datasets.collate.LengthMeter;
import org.align4j.datasets.io.DataKind;
import org.align4j.datasets.io.JsonRowReader;
import org.align4j.datasets.sample.SampleData;
import org.align4j.datasets.template.ChatTemplates;
import org.junit.jupiter.api.Test;

class DatasetStatsTest {
    private static StatsReport stats(String text, DataKind kind, String template) {
        return stats(text, kind, template, false);
    }

    private static StatsReport stats(String text, DataKind kind, String template, boolean addsBos) {
        try (JsonRowReader r = JsonRowReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "f.jsonl")) {
            return DatasetStats.compute(r, kind, new LengthMeter(ChatTemplates.byName(template, "</s>"),
                    new ApproximateTokenCounter(), addsBos), ApproximateTokenCounter.DESCRIPTION);
        }
    }

    @Test
    void percentilesUseNearestRank() {
        Percentiles p = Percentiles.of(new int[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 99}, 10);
        assertThat(p).isEqualTo(new Percentiles(10, 5.5, 5, 9, 10, 10, 10));
        assertThat(Percentiles.of(new int[0], 0).count()).isZero();
    }

    @Test
    void pairStatsCountFormsTokensAndLanguages() {
        StatsReport s = stats("{\"prompt\":\"Q a b\",\"chosen\":\"x y z\",\"rejected\":\"w\",\"margin\":1}\n"
                + "{\"prompt\":[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"发烧怎么办\"}],"
                + "\"chosen\":\"多喝水\",\"rejected\":\"不知道啊\"}\n"
                + "{\"prompt\":\"bad\"}\n", DataKind.PAIRS, "plain");
        assertThat(s.validation().invalid()).isEqualTo(1);
        assertThat(s.counts()).containsExactly(Map.entry("plain prompt", 1L), Map.entry("with margin", 1L),
                Map.entry("chosen longer than rejected", 1L), Map.entry("conversational prompt", 1L));
        // plain template: "Q a b\n" = 3 words; "x y z</s>" = 3; "w</s>" = 1; "S\n发烧怎么办\n" = 1 + 5;
        // "多喝水</s>" = 3 + 1; "不知道啊</s>" = 4 + 1.
        assertThat(s.promptTokens()).isEqualTo(Percentiles.of(new int[] {3, 6}, 2));
        assertThat(s.responseTokens()).isEqualTo(Percentiles.of(new int[] {3, 1, 4, 5}, 4));
        assertThat(s.totalTokens().max()).isEqualTo(11);
        assertThat(s.languages()).containsEntry("zh", 1L).containsEntry("latin", 1L);
        String out = s.format();
        assertThat(out).startsWith("f.jsonl (pairs): 3 rows, 2 valid, 1 invalid (left out below; run align data"
                + " validate for the problems)\n  plain prompt 1 | with margin 1 | chosen longer than rejected 1"
                + " | conversational prompt 1\ntokens (approximate tokens: whitespace-separated words + CJK"
                + " characters), template plain:\n");
        assertThat(out).contains("  prompt          2     4.5      3      6      6      6      6\n");
        assertThat(out).endsWith("language (by script): zh 50.0% (1) | latin 50.0% (1) | mixed 0.0% (0) | other 0.0% (0)\n");
    }

    @Test
    void theBosCountsInThePromptAndTheWholeSequenceAsTrainingEncodesIt() {
        String pairs = "{\"prompt\":\"Q a b\",\"chosen\":\"x y z\",\"rejected\":\"w\"}\n";
        // plain template: "Q a b\n" = 3 words + BOS; "x y z</s>" = 3; "w</s>" = 1
        StatsReport withBos = stats(pairs, DataKind.PAIRS, "plain", true);
        assertThat(withBos.promptTokens()).isEqualTo(Percentiles.of(new int[] {4}, 1));
        assertThat(withBos.responseTokens()).isEqualTo(Percentiles.of(new int[] {3, 1}, 2));
        assertThat(withBos.totalTokens().max()).isEqualTo(7);
        assertThat(stats(pairs, DataKind.PAIRS, "plain", false).totalTokens().max()).isEqualTo(6);
        // chatml: "<|im_start|>user\nQ<|im_end|>\n<|im_start|>assistant\n" = 3 + BOS; "A b<|im_end|>" = 2
        StatsReport sft = stats("{\"instruction\":\"Q\",\"output\":\"A b\"}\n", DataKind.SFT, "chatml", true);
        assertThat(sft.promptTokens().max()).isEqualTo(4);
        assertThat(sft.responseTokens().max()).isEqualTo(2);
        assertThat(sft.totalTokens().max()).isEqualTo(6);
        // unpaired rows measure like ratings: prompt (3 + BOS) and labelled completion ("fine<|im_end|>" = 1)
        StatsReport kto = stats("{\"prompt\":\"Q\",\"completion\":\"fine\",\"label\":true}\n", DataKind.UNPAIRED,
                "chatml", true);
        assertThat(kto.totalTokens().max()).isEqualTo(5);
    }

    @Test
    void sftAndRatingStatsCountTheirForms() {
        StatsReport sft = stats("{\"instruction\":\"Q\",\"input\":\"ctx\",\"output\":\"A b\"}\n"
                + "{\"messages\":[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"q\"},"
                + "{\"role\":\"assistant\",\"content\":\"a\"},{\"role\":\"user\",\"content\":\"q2\"},"
                + "{\"role\":\"assistant\",\"content\":\"a2\"}]}\n", DataKind.SFT, "chatml");
        assertThat(sft.counts()).containsExactly(Map.entry("alpaca", 1L), Map.entry("alpaca with input", 1L),
                Map.entry("conversation", 1L), Map.entry("with system prompt", 1L), Map.entry("multi-turn", 1L));
        assertThat(sft.responseTokens().max()).isEqualTo(2);
        StatsReport ratings = stats("{\"prompt\":\"q\",\"response\":\"a\",\"score\":1,\"rater\":\"r1\"}\n"
                + "{\"prompt\":\"q\",\"response\":\"b\",\"score\":4,\"rater\":\"r2\"}\n"
                + "{\"prompt\":\"q\",\"response\":\"c\",\"score\":0}\n", DataKind.RATINGS, "chatml");
        assertThat(ratings.counts()).containsExactly(Map.entry("thumbs up", 1L), Map.entry("1-5 score 4", 1L),
                Map.entry("thumbs down", 1L), Map.entry("distinct raters", 2L));
    }

    @Test
    void theBundledSftSampleIsHalfChineseHalfEnglish() throws Exception {
        StatsReport s;
        try (JsonRowReader r = JsonRowReader.open(SampleData.open(SampleData.File.SFT_TRAIN), "sft-train.jsonl")) {
            s = DatasetStats.compute(r, DataKind.SFT, new LengthMeter(ChatTemplates.chatml(), new ApproximateTokenCounter(),
                    false), "approx");
        }
        long zh = s.languages().get("zh");
        long latin = s.languages().get("latin");
        assertThat(zh + latin).isEqualTo(2200);
        assertThat((double) zh / 2200).isBetween(0.45, 0.55);
        assertThat(s.totalTokens().max()).isLessThan(256);
    }
}
