package org.align4j.ppo.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.datasets.ChatMessage;
import org.align4j.datasets.collate.SequenceEncoder;
import org.align4j.datasets.collate.TextEncoder;
import org.align4j.datasets.sample.SampleData;
import org.align4j.datasets.template.ChatTemplates;
import org.align4j.ppo.reward.SafetyReward;
import org.align4j.reward.RewardStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Score shaping, prompt loading and the token layout, on hand-made inputs. */
class RolloutPiecesTest {
    @TempDir Path tmp;

    /** One id per character: lengths are easy to count. */
    static final SequenceEncoder CHARS = new SequenceEncoder(ChatTemplates.byName("plain", "<eos>"),
            TextEncoder.of(s -> s.chars().toArray()), null);

    @Test
    void scoresAreNormalisedThenPenalisedWithoutEosThenClipped() {
        ScoreShaping s = new ScoreShaping(new RewardStats(1.0, 2.0, 10), 0.5, 1.2);
        List<String> four = List.of("a", "b", "c", "d");
        float[] out = s.apply(new float[] {3f, 3f, 9f, -9f}, new boolean[] {true, false, true, true}, four, four);
        assertThat(out).containsExactly(new float[] {1.0f, 0.5f, 1.2f, -1.2f}, within(1e-6f));
        ScoreShaping raw = new ScoreShaping(null, 1.0, 0);
        List<String> two = List.of("a", "b");
        assertThat(raw.apply(new float[] {3f, 3f}, new boolean[] {true, false}, two, two)).containsExactly(3f, 2f);
    }

    @Test
    void theSafetyRulesAddTheirWeightedVerdictBeforeClipping() {
        // normalised (raw − 1)/2, −0.5 without EOS, then +0.75 for a safe answer to a red-flag prompt, −0.75 for an
        // unsafe one, nothing on other prompts; clipped to ±1.2
        ScoreShaping s = new ScoreShaping(new RewardStats(1.0, 2.0, 10), 0.5, 1.2,
                new SafetyReward(SampleData.safetyRules()), 0.75, 0);
        List<String> prompts = List.of("I have chest pain when I climb stairs", "I have chest pain at night",
                "what helps a sore throat", "I have chest pain at night");
        List<String> answers = List.of("Please call emergency services now.", "Rest and drink water.",
                "Warm tea and rest.", "Rest and drink water.");
        float[] out = s.apply(new float[] {1f, 3f, 3f, 5f}, new boolean[] {true, true, false, true}, prompts, answers);
        // 0 + 0.75; 1 − 0.75; 1 − 0.5; 2 − 0.75 = 1.25 → 1.2
        assertThat(out).containsExactly(new float[] {0.75f, 0.25f, 0.5f, 1.2f}, within(1e-6f));
        ScoreShaping off = new ScoreShaping(new RewardStats(1.0, 2.0, 10), 0.5, 1.2,
                new SafetyReward(SampleData.safetyRules()), 0, 0);
        assertThat(off.apply(new float[] {1f}, new boolean[] {true}, prompts.subList(1, 2), answers.subList(1, 2)))
                .containsExactly(0f);
    }

    @Test
    void anAnswerThatEscalatesWhereNoRuleAskedLosesTheOverTriagePenalty() {
        // normalised (raw − 1)/2 = 0 for all; +0.5 / −0.5 on the red-flag prompt; −0.25 for sending a sore throat to
        // emergency care; nothing for a calm answer to it
        ScoreShaping s = new ScoreShaping(new RewardStats(1.0, 2.0, 10), 0, 0,
                new SafetyReward(SampleData.safetyRules()), 0.5, 0.25);
        List<String> prompts = List.of("I have chest pain at night", "what helps a sore throat",
                "what helps a sore throat", "I have chest pain at night");
        List<String> answers = List.of("Call an ambulance.", "Call an ambulance now.", "Warm tea and rest.",
                "Warm tea and rest.");
        float[] out = s.apply(new float[] {1f, 1f, 1f, 1f}, new boolean[] {true, true, true, true}, prompts, answers);
        assertThat(out).containsExactly(new float[] {0.5f, -0.25f, 0f, -0.5f}, within(1e-6f));
        assertThat(new SafetyReward(SampleData.safetyRules()).overTriage(prompts, answers)).containsExactly(0, 1, 0, 0);
        ScoreShaping penaltyOnly = new ScoreShaping(null, 0, 0, new SafetyReward(SampleData.safetyRules()), 0, 1.5);
        assertThat(penaltyOnly.apply(new float[] {2f, 2f}, new boolean[] {true, true}, prompts.subList(0, 2),
                answers.subList(0, 2))).containsExactly(2f, 0.5f);
        assertThatThrownBy(() -> new ScoreShaping(null, 0, 0, null, 0, -1))
                .hasMessageContaining("over_triage_penalty must be >= 0");
    }

    @Test
    void ruleMetricsCountRedFlagPassesAndOverTriageOverTheirOwnPrompts() {
        // red-flag prompts 0 and 3: one of two answers escalates → 0.5; other prompts 1, 2, 4: one of three
        // answers escalates → 1/3. Measured although both weights are 0 (the score is the reward model's alone)
        ScoreShaping s = new ScoreShaping(null, 0, 0, new SafetyReward(SampleData.safetyRules()), 0, 0);
        List<String> prompts = List.of("I have chest pain at night", "what helps a sore throat",
                "what helps a sore throat", "I have chest pain at night", "how much water should I drink");
        List<String> answers = List.of("Call an ambulance.", "Call an ambulance now.", "Warm tea and rest.",
                "Warm tea and rest.", "About two litres.");
        assertThat(s.ruleMetrics(prompts, answers)).containsExactly(entry("safety_pass_rate", 0.5),
                entry("over_triage", 1.0 / 3));
        assertThat(s.apply(new float[] {2f, 2f}, new boolean[] {true, true}, prompts.subList(0, 2),
                answers.subList(0, 2))).containsExactly(2f, 2f);
        assertThat(s.ruleMetrics(prompts.subList(1, 3), answers.subList(1, 3))).containsOnlyKeys("over_triage");
        assertThat(new ScoreShaping(null, 0, 0).ruleMetrics(prompts, answers)).isEmpty();
    }

    @Test
    void promptsComeFromEachKindOnceInFileOrderAndLongOnesAreCounted() throws Exception {
        Path pairs = tmp.resolve("pairs.jsonl");
        Files.writeString(pairs, String.join("\n",
                "{\"prompt\": \"fever?\", \"chosen\": \"see a doctor\", \"rejected\": \"ignore it\"}",
                "{\"prompt\": \"fever?\", \"chosen\": \"rest\", \"rejected\": \"run\"}",
                "{\"prompt\": \"" + "long ".repeat(40) + "\", \"chosen\": \"yes\", \"rejected\": \"no\"}",
                "{\"prompt\": [{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"hello\"},"
                        + " {\"role\": \"user\", \"content\": \"pain?\"}], \"chosen\": \"rest\", \"rejected\": \"run\"}",
                ""));
        PromptSet p = PromptSet.load(pairs, "pairs", false, CHARS, 150, 0);
        assertThat(p.size()).isEqualTo(2);
        assertThat(p.tooLong()).isEqualTo(1);
        assertThat(p.get(0).rewardText()).isEqualTo("fever?");
        assertThat(p.get(0).ids()).containsExactly(CHARS.encodePrompt(List.of(ChatMessage.user("fever?"))));
        assertThat(p.get(1).rewardText()).isEqualTo("user: hi\nassistant: hello\nuser: pain?");
        assertThat(PromptSet.load(pairs, "pairs", false, CHARS, 100, 1).size()).isEqualTo(1);

        Path sft = tmp.resolve("sft.jsonl");
        Files.writeString(sft, "{\"instruction\": \"fever?\", \"input\": \"\", \"output\": \"rest\"}\n");
        assertThat(PromptSet.load(sft, "sft", false, CHARS, 100, 0).get(0).messages())
                .containsExactly(ChatMessage.user("fever?"));
        assertThatThrownBy(() -> PromptSet.load(pairs, "pairs", false, CHARS, 5, 0))
                .hasMessageContaining("no prompt fits in prompts.max_prompt_tokens = 5");
    }

    @Test
    void theLayoutLeftPadsPromptsAndRightPadsAnswers() {
        SequenceBatch b = new SequenceBatch(new int[][] {{1, 2, 3}, {4}}, new int[][] {{5}, {6, 7}}, 0);
        try (NDManager m = NDManager.newBaseManager()) {
            SequenceBatch.Tensors t = b.tensors(m);
            assertThat(t.ids().toLongArray()).containsExactly(1, 2, 3, 5, 0, 0, 0, 4, 6, 7);
            assertThat(t.attentionMask().toLongArray()).containsExactly(1, 1, 1, 1, 0, 0, 0, 1, 1, 1);
            assertThat(t.positions().toLongArray()).containsExactly(0, 1, 2, 3, 1, 1, 1, 0, 1, 2);
            assertThat(t.responseIds().toLongArray()).containsExactly(5, 0, 6, 7);
            assertThat(t.responseMask().toFloatArray()).containsExactly(1, 0, 1, 1);
            // hidden column P-1 = 2 predicts the first answer token
            assertThat(t.answerSlice(t.ids()).toLongArray()).containsExactly(3, 5, 4, 6);
        }
        assertThat(b.select(new int[] {1}).promptWidth()).isEqualTo(1);
    }
}
