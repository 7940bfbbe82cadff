package org.align4j.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageTest {
    @Test
    void detectsScriptsByLetterShare() {
        assertThat(Language.detect("发烧了怎么办？")).isEqualTo(Language.ZH);
        assertThat(Language.detect("请拨打120，做个CT")).isEqualTo(Language.ZH);
        assertThat(Language.detect("I have a fever.")).isEqualTo(Language.LATIN);
        assertThat(Language.detect("fever 发烧")).isEqualTo(Language.MIXED);
        assertThat(Language.detect("123 !?")).isEqualTo(Language.OTHER);
        assertThat(Language.detect("Привет")).isEqualTo(Language.OTHER);
        assertThat(Language.isChinese("多喝水")).isTrue();
    }
}
