package org.align4j.dpo.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.PreferencePair;
import org.junit.jupiter.api.Test;

class HeldOutTest {
    @Test
    void theHashHoldsOutAboutTheFractionOfPromptsNoneAtZeroAndAllAtOne() {
        HeldOut quarter = new HeldOut(0.25, List.of());
        HeldOut none = new HeldOut(0, List.of());
        HeldOut all = new HeldOut(1, List.of());
        int held = 0;
        for (int i = 0; i < 2000; i++) {
            List<ChatMessage> prompt = List.of(ChatMessage.user("question " + i));
            held += quarter.prompt(prompt) ? 1 : 0;
            assertThat(none.prompt(prompt)).isFalse();
            assertThat(all.prompt(prompt)).isTrue();
        }
        assertThat(held).isBetween(450, 550); // 500 expected; a binomial sd is 19
    }

    @Test
    void thePromptsOfTheHeldOutFilesAreHeldOutWhateverTheirHash() {
        HeldOut files = new HeldOut(0, List.of(PreferencePair.of("my son has a fever", "see a doctor", "wait")));
        assertThat(files.prompt(List.of(ChatMessage.user("my son has a fever")))).isTrue();
        assertThat(files.prompt(List.of(ChatMessage.system("be brief"), ChatMessage.user("my son has a fever"))))
                .isFalse(); // another prompt
        assertThat(files.prompt(List.of(ChatMessage.user("my son has a cough")))).isFalse();
    }
}
