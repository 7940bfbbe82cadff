package org.align4j.reward.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.align4j.reward.config.RewardNegativesConfig;
import org.junit.jupiter.api.Test;

class SyntheticNegativesTest {
    private static PairExamples pairs(String... promptChosenRejected) {
        List<String> p = new ArrayList<>();
        List<String> c = new ArrayList<>();
        List<String> r = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < promptChosenRejected.length; i += 3) {
            p.add(promptChosenRejected[i]);
            c.add(promptChosenRejected[i + 1]);
            r.add(promptChosenRejected[i + 2]);
            labels.add("id p" + i / 3);
        }
        float[] margins = new float[p.size()];
        Arrays.fill(margins, 2f);
        return new PairExamples(p, c, r, margins, labels);
    }

    private static final PairExamples FOUR = pairs(
            "胸口突然很闷，怎么办？", "请立即拨打急救电话。", "多喝热水就好。",
            "My baby has a fever of 39 C.", "Call your doctor today, and keep her drinking.", "Wait a week.",
            "Back pain after lifting boxes?", "Rest, move gently, and see a doctor if it lasts.", "Ignore it.",
            "孩子误食了药片", "马上联系急救或中毒求助热线。", "观察一下再说。");

    @Test
    void offTopicPairsKeepThePromptAndChosenAndRejectAnotherPromptsChosenAnswer() {
        PairExamples off = SyntheticNegatives.offTopic(FOUR, 1, new Random(3));
        assertThat(off.size()).isEqualTo(4);
        for (int i = 0; i < off.size(); i++) {
            assertThat(off.prompts().get(i)).isEqualTo(FOUR.prompts().get(i));
            assertThat(off.chosen().get(i)).isEqualTo(FOUR.chosen().get(i));
            assertThat(off.rejected().get(i)).isIn(FOUR.chosen()).isNotEqualTo(FOUR.chosen().get(i));
            assertThat(off.margins()[i]).isZero();
            assertThat(off.labels().get(i)).isEqualTo("off-topic negative of id p" + i);
        }
    }

    @Test
    void aShareSelectsThatManyPairsAndASeedRepeatsThem() {
        PairExamples half = SyntheticNegatives.offTopic(FOUR, 0.5, new Random(7));
        assertThat(half.size()).isEqualTo(2);
        assertThat(SyntheticNegatives.offTopic(FOUR, 0.5, new Random(7)).rejected()).isEqualTo(half.rejected());
        assertThat(SyntheticNegatives.wordSalad(FOUR, 0, new Random(7)).size()).isZero();
    }

    @Test
    void aPromptWithNoOtherPromptGetsNoOffTopicPair() {
        PairExamples same = pairs("q", "a good answer", "bad", "q", "another good answer", "worse");
        assertThat(SyntheticNegatives.offTopic(same, 1, new Random(1)).size()).isZero();
    }

    @Test
    void wordSaladKeepsEveryWordAndSpacesOnlyBetweenLatinWords() {
        String english = "Call your doctor today, and keep her drinking.";
        String salad = SyntheticNegatives.shuffleWords(english, new Random(5));
        assertThat(salad).isNotEqualTo(english);
        assertThat(sorted(salad.replaceAll("[^A-Za-z]", ""))).isEqualTo(sorted(english.replaceAll("[^A-Za-z]", "")));
        assertThat(salad.split(" ")).hasSize(english.split(" ").length);

        String chinese = "马上联系急救或中毒求助热线。";
        String mixed = SyntheticNegatives.shuffleWords(chinese, new Random(5));
        assertThat(mixed).doesNotContain(" ").hasSameSizeAs(chinese).isNotEqualTo(chinese);
        assertThat(sorted(mixed)).isEqualTo(sorted(chinese));
    }

    @Test
    void wordSaladPairsRejectTheirOwnChosenAnswerShuffled() {
        PairExamples salad = SyntheticNegatives.wordSalad(FOUR, 1, new Random(2));
        assertThat(salad.size()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(salad.rejected().get(i)).isNotEqualTo(FOUR.chosen().get(i));
            assertThat(sorted(salad.rejected().get(i).replace(" ", "")))
                    .isEqualTo(sorted(FOUR.chosen().get(i).replace(" ", "")));
            assertThat(salad.labels().get(i)).startsWith("word-salad negative of ");
        }
    }

    @Test
    void addToKeepsTheHumanPairsFirstWithTheirMarginsAndCountsEachKind() {
        SyntheticNegatives.Added added = SyntheticNegatives.addTo(FOUR, new RewardNegativesConfig(0.5, 0.25), 11);
        assertThat(added.offTopic()).isEqualTo(2);
        assertThat(added.wordSalad()).isEqualTo(1);
        PairExamples all = added.all();
        assertThat(all.size()).isEqualTo(7);
        assertThat(all.prompts().subList(0, 4)).isEqualTo(FOUR.prompts());
        assertThat(all.rejected().subList(0, 4)).isEqualTo(FOUR.rejected());
        assertThat(Arrays.copyOf(all.margins(), 4)).containsOnly(2f);
        assertThat(all.labels().get(4)).startsWith("off-topic");
        assertThat(all.labels().get(6)).startsWith("word-salad");
    }

    @Test
    void sharesOutsideZeroToOneAreRefusedByName() {
        assertThatThrownBy(() -> new RewardNegativesConfig(1.5, 0)).hasMessageContaining("off_topic")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> new RewardNegativesConfig(0, -0.1)).hasMessageContaining("word_salad");
    }

    private static String sorted(String s) {
        int[] cps = s.codePoints().sorted().toArray();
        return new String(cps, 0, cps.length);
    }
}
