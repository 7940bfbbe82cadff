package org.align4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerConfigTest {
    @Test
    void specialTokensAreTheRolesInBertOrderThenTheExtrasWithoutDuplicates() {
        TrainerConfig c = TrainerConfig.defaults(TokenizerKind.BPE, 1000)
                .withExtraSpecialTokens(List.of("<|im_start|>", "<|pad|>", "<tool>"));
        assertThat(c.specialTokens()).containsExactly("<|pad|>", "<|endoftext|>", "<|im_start|>", "<tool>");
        assertThat(TrainerConfig.defaults(TokenizerKind.WORDPIECE, 1000).specialTokens())
                .containsExactly("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
        assertThat(SpecialTokenRoles.WORDPIECE_DEFAULT.byConfigKey()).containsKeys("pad_token", "mask_token")
                .doesNotContainKey("eos_token");
    }

    @Test
    void invalidValuesAreRejectedNamingTheFieldAndTheValue() {
        TrainerConfig bpe = TrainerConfig.defaults(TokenizerKind.BPE, 1000);
        assertThatThrownBy(() -> bpe.withMinFrequency(0)).hasMessageContaining("minFrequency is 0");
        assertThatThrownBy(() -> bpe.withExtraSpecialTokens(List.of(" "))).hasMessageContaining("blank");
        assertThatThrownBy(() -> new TrainerConfig(TokenizerKind.BPE, 1000, 2, SpecialTokenRoles.BPE_DEFAULT, List.of(),
                10, false, 512)).hasMessageContaining("limitAlphabet is 10");
        assertThatThrownBy(() -> new SpecialTokenRoles(null, "", null, null, null, null, null))
                .hasMessageContaining("eos is blank");
        assertThatThrownBy(() -> TrainerConfig.defaults(TokenizerKind.WORDPIECE, 5)).hasMessageContaining("vocabSize is 5");
    }

    @Test
    void kindsParseFromTheirCommandLineNames() {
        assertThat(TokenizerKind.parse("WordPiece")).isEqualTo(TokenizerKind.WORDPIECE);
        assertThat(TokenizerKind.BPE.cliName()).isEqualTo("bpe");
        assertThatThrownBy(() -> TokenizerKind.parse("unigram")).hasMessageContaining("allowed: bpe, wordpiece");
    }

    @Test
    void aSpecialTokenThatIsAlsoALearnedTokenIsRejected() {
        TrainerConfig c = TrainerConfig.defaults(TokenizerKind.BPE, 300).withMinFrequency(1)
                .withExtraSpecialTokens(List.of("a"));
        assertThatThrownBy(() -> BpeTrainer.train(c, List.of("banana"))).hasMessageContaining("special token 'a'");
    }
}
