package org.align4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BertTextSplitterTest {
    private static List<String> words(String text, boolean lowercase) {
        List<String> out = new ArrayList<>();
        new BertTextSplitter(lowercase).split(text, out::add);
        return out;
    }

    @Test
    void normalizesLikeBertNormalizer() {
        BertTextSplitter s = new BertTextSplitter(true);
        assertThat(s.normalize("Héllo\u0000 Wörld\t你好\u200d")).isEqualTo("hello world  你  好 ");
        assertThat(new BertTextSplitter(false).normalize("Héllo")).isEqualTo("Héllo");
    }

    @Test
    void splitsOnWhitespaceAndIsolatesEveryPunctuationMarkAndChineseCharacter() {
        assertThat(words("Don't stop!", true)).containsExactly("don", "'", "t", "stop", "!");
        assertThat(words("$5+3=8", true)).containsExactly("$", "5", "+", "3", "=", "8");
        assertThat(words("血压high，早上120/80。", true))
                .containsExactly("血", "压", "high", "，", "早", "上", "120", "/", "80", "。");
        assertThat(words("  \n ", true)).isEmpty();
        assertThat(words("🙂ok 👍", true)).containsExactly("🙂ok", "👍");
    }
}
