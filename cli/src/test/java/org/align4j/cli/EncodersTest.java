package org.align4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.align4j.core.tokenizer.BpeTrainer;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.core.tokenizer.TokenizerFiles;
import org.align4j.core.tokenizer.TokenizerKind;
import org.align4j.core.tokenizer.TrainerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodersTest {
    private static final String[] WORDS = {"fever", "dose", "tablet", "patient", "the", "of", "pain", "blood",
        "pressure", "heart", "rate", "发烧", "病人", "3", "mg", "daily", "and", "with", "a", "is"};

    @TempDir Path dir;

    private static List<String> corpus(int sentences, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 12; w++) {
                sb.append(w == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
            }
            out.add(sb.append('.').toString());
        }
        return out;
    }

    @Test
    void aTextOfMoreThan2000TokensGetsEveryIdLikeTheModelsTokenizer() {
        TokenizerFiles.write(dir, BpeTrainer.train(TrainerConfig.defaults(TokenizerKind.BPE, 300), corpus(400, 1)));
        String text = String.join(" ", corpus(400, 2));
        try (Encoders.Encoder enc = Encoders.forModel(dir); TextTokenizer tok = TextTokenizer.load(dir)) {
            long[] ids = enc.function().apply(text);
            assertThat(ids.length).isGreaterThan(2_000);
            int[] expected = tok.encode(text);
            assertThat(ids).containsExactly(java.util.Arrays.stream(expected).asLongStream().toArray());
            assertThat(tok.decode(expected, false)).isEqualTo(text);
        }
    }

    @Test
    void aModelWithoutTokenizerJsonHasNoEncoder() {
        try (Encoders.Encoder enc = Encoders.forModel(dir)) {
            assertThat(enc.function()).isNull();
        }
    }
}
