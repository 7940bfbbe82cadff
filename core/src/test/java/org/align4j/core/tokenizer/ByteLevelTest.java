package org.align4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteLevelTest {
    @Test
    void everyByteHasItsOwnPrintableCharacterAndBack() {
        Set<Character> seen = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            char c = ByteLevelAlphabet.charOf(b);
            assertThat(Character.isWhitespace(c) || Character.isISOControl(c)).as("byte %d", b).isFalse();
            assertThat(ByteLevelAlphabet.byteOf(c)).isEqualTo(b);
            seen.add(c);
        }
        assertThat(seen).hasSize(256);
        assertThat(ByteLevelAlphabet.encode(" \n")).isEqualTo("ĠĊ");
        assertThat(ByteLevelAlphabet.encode("好")).hasSize(3); // three UTF-8 bytes
        assertThat(ByteLevelAlphabet.byteOf('好')).isEqualTo(-1);
    }

    @Test
    void splitsWordsExactlyWhereHuggingFacesByteLevelPreTokenizerDoes(@TempDir Path dir) throws Exception {
        List<String> texts = List.of("Hello world, it's 2024!  Spaces\tand\nlines\u00a0nbsp\u3000ideographic",
                "病人发烧三天了，请问应该吃什么药？I'll take 2 pills.", "emoji 🙂👍🏽 x\r\n\r\n end   ");
        TrainedTokenizer t = BpeTrainer.train(TrainerConfig.defaults(TokenizerKind.BPE, 400).withMinFrequency(1), texts);
        TokenizerFiles.write(dir, t);
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer.json"),
                Map.of("addSpecialTokens", "false"))) {
            for (String text : texts) {
                List<String> ours = new ArrayList<>();
                ByteLevelSplitter.split(text, ours::add);
                Encoding e = hf.encode(text);
                Map<Long, StringBuilder> words = new LinkedHashMap<>();
                for (int i = 0; i < e.getTokens().length; i++) {
                    words.computeIfAbsent(e.getWordIds()[i], k -> new StringBuilder()).append(e.getTokens()[i]);
                }
                assertThat(words.values().stream().map(StringBuilder::toString).toList()).as(text).isEqualTo(ours);
            }
        }
    }
}
