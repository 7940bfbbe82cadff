package org.align4j.feedback.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextHashTest {
    @Test
    void theHexSha256OfTheUtf8Bytes() {
        assertThat(TextHash.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(TextHash.sha256("发烧")).hasSize(64).isNotEqualTo(TextHash.sha256("发烧 "));
    }
}
