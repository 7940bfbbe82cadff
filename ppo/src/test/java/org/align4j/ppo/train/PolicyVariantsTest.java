package org.align4j.ppo.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.lora.PeftAdapter;
import org.align4j.core.model.Gpt2Config;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.nn.Module;
import org.align4j.core.train.StopSignal;
import org.align4j.ppo.TinyModels;
import org.align4j.ppo.config.PpoConfig;
import org.align4j.ppo.model.ActorCritic;
import org.align4j.ppo.model.Critic;
import org.align4j.ppo.model.Policy;
import org.align4j.ppo.rollout.SequenceBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LoRA policies (reference = adapters off) and a separate critic model. */
class PolicyVariantsTest {
    @TempDir static Path tmp;
    static int threads;
    static Path policyDir;
    static Path prompts;

    @BeforeAll
    static void models() {
        threads = TinyRun.singleThread();
        policyDir = TinyModels.policy(tmp.resolve("policy"), 29);
        prompts = TinyRun.promptsFile(tmp.resolve("prompts.jsonl"), TinyRun.PROMPTS);
    }

    @AfterAll
    static void restore() {
        TinyRun.restoreThreads(threads);
    }

    static float[] logprobs(ActorCritic ac, boolean reference) {
        try (NDManager m = NDManager.newBaseManager()) {
            SequenceBatch.Tensors t = new SequenceBatch(new int[][] {{5, 9, 40}}, new int[][] {{60, 61}}, 0).tensors(m);
            return reference ? ac.referenceLogprobs(t).toFloatArray() : ac.forward(t, false, false).logprobs().toFloatArray();
        }
    }

    @Test
    void withLoraOnlyAdaptersTrainAndTheReferenceIsTheBaseWithAdaptersOff() throws Exception {
        Path out = tmp.resolve("lora");
        PpoConfig cfg = TinyRun.config(policyDir, prompts, out, "lora.r=2", "lora.target_modules=all-linear",
                "lora.dropout=0.0", "ppo.iterations=2");
        float[] before;
        try (Policy base = Policy.load(policyDir, null, "chatml"); Critic c = Critic.onPolicyTrunk(TinyModels.DIM)) {
            before = logprobs(new ActorCritic(base, c, 1.0), false);
        }
        try (PpoParts parts = PpoSetup.load(cfg, TinyRun.vowels(), null, null)) {
            Policy policy = parts.policy();
            assertThat(policy.reference().ownsWeights()).isFalse();
            Module base = policy.bundle().pretrained().module();
            Map<String, float[]> baseBefore = TinyRun.snapshot(base);
            PpoResult r = TinyRun.run(cfg, parts, new StopSignal(), new ByteArrayOutputStream());
            assertThat(TinyRun.changed(base, baseBefore)).isEmpty();
            ActorCritic ac = new ActorCritic(policy, parts.critic(), 1.0);
            assertThat(logprobs(ac, true)).containsExactly(before); // adapters off: the starting policy exactly
            assertThat(logprobs(ac, false)).isNotEqualTo(before);
            assertThat(policy.lora().enabled()).isTrue(); // the reference scope switched them back on
            assertThat(r.finalDir().resolve(PeftAdapter.CONFIG)).exists();
            assertThat(out.resolve("checkpoint-2").resolve(PeftAdapter.WEIGHTS)).exists();
        }
    }

    @Test
    void aSeparateCriticTrainsItsOwnTrunkAndNeedsThePolicysVocabulary() throws Exception {
        PpoConfig cfg = TinyRun.config(policyDir, prompts, tmp.resolve("separate"), "value_head=separate",
                "ppo.iterations=1");
        try (PpoParts parts = PpoSetup.load(cfg, TinyRun.vowels(), null, null)) {
            assertThat(parts.critic().onPolicy()).isFalse();
            Module trunk = (Module) parts.critic().trunk();
            Map<String, float[]> before = TinyRun.snapshot(trunk);
            PpoResult r = TinyRun.run(cfg, parts, new StopSignal(), new ByteArrayOutputStream());
            assertThat(TinyRun.changed(trunk, before)).isNotEmpty();
            assertThat(r.lastCheckpoint().resolve(Critic.TRUNK_DIR).resolve("config.json")).exists();
        }
        Path other = tmp.resolve("other-vocab");
        try (PretrainedModel m = HfCheckpoint.initialize(Gpt2Config.of(77, 128, 16, 1, 2), null)) {
            HfCheckpoint.save(m, other);
        }
        PpoConfig wrong = TinyRun.config(policyDir, prompts, tmp.resolve("wrong"), "value_head=separate",
                "value_model=" + other);
        assertThatThrownBy(() -> PpoSetup.load(wrong, TinyRun.vowels(), null, null))
                .hasMessageContaining("value_model: " + other + " has a vocabulary of 77 tokens");
    }
}
