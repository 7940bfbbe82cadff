package org.align4j.ppo.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.nn.Module;
import org.align4j.core.train.NonFiniteTrainingException;
import org.align4j.core.train.StopSignal;
import org.align4j.ppo.TinyModels;
import org.align4j.ppo.config.PpoConfig;
import org.align4j.ppo.model.ValueHead;
import org.align4j.ppo.rollout.AnswerScorer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PpoTrainerTest {
    @TempDir static Path tmp;
    static Path policyDir;
    static Path prompts;
    static final ObjectMapper JSON = new ObjectMapper();

    static int threads;

    @BeforeAll
    static void models() {
        threads = TinyRun.singleThread(); // runs are compared: no thread noise
        policyDir = TinyModels.policy(tmp.resolve("policy"), 13);
        prompts = TinyRun.promptsFile(tmp.resolve("prompts.jsonl"), TinyRun.PROMPTS);
    }

    @AfterAll
    static void restore() {
        TinyRun.restoreThreads(threads);
    }

    static List<JsonNode> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void anIterationChangesEveryPolicyTensorAndTheValueHeadAndLeavesTheReferenceUntouched() throws Exception {
        PpoConfig cfg = TinyRun.config(policyDir, prompts, tmp.resolve("one"), "ppo.iterations=1");
        try (PpoParts parts = PpoSetup.load(cfg, TinyRun.vowels(), null, null)) {
            Module policy = parts.policy().bundle().pretrained().module();
            Module reference = parts.policy().reference().model();
            Map<String, float[]> policyBefore = TinyRun.snapshot(policy);
            Map<String, float[]> refBefore = TinyRun.snapshot(reference);
            Map<String, float[]> headBefore = TinyRun.snapshot(parts.critic().head());
            PpoResult r = TinyRun.run(cfg, parts, new StopSignal(), new ByteArrayOutputStream());
            assertThat(r.iterations()).isEqualTo(1);
            assertThat(TinyRun.changed(policy, policyBefore)).containsExactlyElementsOf(policyBefore.keySet());
            assertThat(TinyRun.changed(parts.critic().head(), headBefore)).hasSize(2);
            assertThat(TinyRun.changed(reference, refBefore)).isEmpty();
            assertThat(TinyRun.exactKl(parts.policy().lm(), parts.policy().reference().model(), parts.trainPrompts()))
                    .isGreaterThan(1e-4);
            // the final directory is a loadable model with its tokenizer and the value head
            try (PretrainedModel saved = HfCheckpoint.load(r.finalDir())) {
                assertThat(saved.config()).isEqualTo(parts.policy().lm().config());
            }
            assertThat(r.finalDir().resolve("tokenizer.json")).exists();
            assertThat(r.finalDir().resolve(ValueHead.FILE)).exists();
        }
    }

    @Test
    void metricsLogTheKlUsedInTheRewardAndSamplesAreWritten() throws Exception {
        PpoConfig cfg = TinyRun.config(policyDir, prompts, tmp.resolve("metrics"), "kl.adaptive=false",
                "kl.init_coef=0.5");
        try (PpoParts parts = PpoSetup.load(cfg, TinyRun.vowels(), null, null)) {
            TinyRun.run(cfg, parts, new StopSignal(), new ByteArrayOutputStream());
        }
        List<JsonNode> m = lines(tmp.resolve("metrics/metrics.jsonl"));
        assertThat(m).hasSize(2);
        for (String k : List.of("score", "reward", "non_score_reward", "kl", "kl_coef", "entropy", "policy_loss",
                "value_loss", "clip_fraction", "approx_kl", "explained_variance", "answer_length", "eos_share",
                "time_generation_s", "time_scoring_s", "time_training_s", "grad_norm", "lr")) {
            assertThat(m.get(1).has(k)).as(k).isTrue();
        }
        // iteration 1: policy = reference, so every k1 term is exactly 0; iteration 2 has moved
        assertThat(m.get(0).get("kl").asDouble()).isZero();
        assertThat(m.get(1).get("kl").asDouble()).isNotZero();
        assertThat(m.get(1).get("non_score_reward").asDouble()).isCloseTo(-0.5 * m.get(1).get("kl").asDouble(),
                within(1e-9));
        List<JsonNode> s = lines(tmp.resolve("metrics/" + PpoTrainer.SAMPLES_FILE));
        assertThat(s).hasSize(4);
        assertThat(s.get(0).has("prompt") && s.get(0).has("answer") && s.get(0).has("score")).isTrue();
    }

    /**
     * The KL penalty alone pulls a policy back to its reference. The policy starts away from the reference
     * (its weights perturbed after loading; the reference is the unperturbed start), the reward model's score
     * is constant (no EOS penalty either) and the value head starts at 0, so {@code −β·kl} is the only reward.
     * With β = 1 the exact KL to the reference falls by a fifth or more in 8 iterations (0.38 to 0.74 of the
     * start over seeds 1-11), and the logged KL falls with it; with β = 0 every reward, value and advantage is
     * exactly 0, so the policy does not move at all.
     */
    @Test
    void theKlPenaltyAlonePullsAPerturbedPolicyBackToItsReference() throws Exception {
        KlRun anchored = perturbedRun(tmp.resolve("beta1"), "1", 42);
        assertThat(anchored.after()).isLessThan(0.8 * anchored.before());
        assertThat(anchored.lastLogged()).isLessThan(anchored.firstLogged());
        KlRun free = perturbedRun(tmp.resolve("beta0"), "0", 42);
        assertThat(free.before()).isEqualTo(anchored.before());
        assertThat(free.after()).isEqualTo(free.before());
    }

    /** Exact KL to the reference before and after a run, and the first and last logged (sampled) KL. */
    record KlRun(double before, double after, double firstLogged, double lastLogged) {}

    /** A run from a perturbed policy with a constant score and a fixed β; 16 answers an iteration for less noise. */
    static KlRun perturbedRun(Path out, String beta, long seed) throws Exception {
        PpoConfig cfg = TinyRun.config(policyDir, prompts, out, "ppo.iterations=8", "ppo.rollout_batch_size=16",
                "ppo.minibatch_size=8", "ppo.micro_batch_size=8", "kl.adaptive=false", "kl.init_coef=" + beta,
                "reward.missing_eos_penalty=0", "train.schedule=constant", "train.save_every=0",
                "ppo.log_samples_every=0", "train.seed=" + seed);
        double before;
        double after;
        try (PpoParts parts = PpoSetup.load(cfg, TinyRun.constant(), null, null)) {
            TinyRun.perturb(parts.policy().lm(), 0.15, seed);
            TinyRun.zero(parts.critic().head());
            before = TinyRun.exactKl(parts.policy().lm(), parts.policy().reference().model(), parts.trainPrompts());
            TinyRun.run(cfg, parts, new StopSignal(), new ByteArrayOutputStream());
            after = TinyRun.exactKl(parts.policy().lm(), parts.policy().reference().model(), parts.trainPrompts());
        }
        List<JsonNode> m = lines(out.resolve("metrics.jsonl"));
        return new KlRun(before, after, m.get(0).get("kl").asDouble(), m.get(m.size() - 1).get("kl").asDouble());
    }

    @Test
    void aHeldOutKlOverTheBudgetIsReportedAndWarnedAboutAndWithStopEndsTheRun() throws Exception {
        String[] eval = {"prompts.eval=" + prompts, "eval.max_prompts=4", "eval.batch_size=4", "eval.every=1",
            "ppo.iterations=3", "eval.kl_budget=1e-3"};
        Path warned = tmp.resolve("kl-warned");
        PpoConfig cfg = TinyRun.config(policyDir, prompts, warned, eval);
        try (PpoParts parts = PpoSetup.load(cfg, TinyRun.vowels(), null, null)) {
            PpoResult r = TinyRun.run(cfg, parts, new StopSignal(), new ByteArrayOutputStream());
            assertThat(r.iterations()).isEqualTo(3); // warned, not stopped
            assertThat(r.klBudgetWarning()).startsWith("warning: the KL to the reference passed the budget of 0.001")
                    .contains("at iteration 1");
        }
        assertThat(lines(warned.resolve("metrics.jsonl")).stream().filter(m -> m.has("eval_kl")))
                .allSatisfy(m -> assertThat(m.get("eval_kl_budget_used").asDouble())
                        .isCloseTo(m.get("eval_kl").asDouble() / 1e-3, within(1e-9)));

        Path stopped = tmp.resolve("kl-stopped");
        PpoConfig stop = TinyRun.config(policyDir, prompts, stopped, append(eval, "eval.stop_on_kl_budget=true"));
        try (PpoParts parts = PpoSetup.load(stop, TinyRun.vowels(), null, null)) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PpoResult r = TinyRun.run(stop, parts, new StopSignal(), log);
            assertThat(r.iterations()).isEqualTo(1);
            assertThat(r.finalIteration()).isEqualTo(1); // no evaluation after the start within the budget
            assertThat(r.finalDir()).isNotNull();
            assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("stopping at iteration 1")
                    .contains("no evaluation after the start was within the budget");
        }
    }

    static String[] append(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }

    @Test
    void aNonFiniteRewardStopsTheRunNamingTheIterationAndKeepsTheLastGoodCheckpoint() {
        AtomicInteger calls = new AtomicInteger();
        AnswerScorer vowels = TinyRun.vowels();
        AnswerScorer breaksLater = (p, a) -> {
            float[] s = vowels.score(p, a);
            if (calls.incrementAndGet() == 2) {
                s[3] = Float.NaN;
            }
            return s;
        };
        Path out = tmp.resolve("nan");
        PpoConfig cfg = TinyRun.config(policyDir, prompts, out, "ppo.iterations=3");
        try (PpoParts parts = PpoSetup.load(cfg, breaksLater, null, null)) {
            assertThatThrownBy(() -> TinyRun.run(cfg, parts, new StopSignal(), new ByteArrayOutputStream()))
                    .isInstanceOf(NonFiniteTrainingException.class)
                    .hasMessageContaining("step 2: the reward model's score of answer 3 is not finite");
        }
        assertThat(out.resolve("checkpoint-1/training_state/trainer_state.json")).exists();
        assertThat(out.resolve("checkpoint-2")).doesNotExist();
        assertThat(out.resolve("final")).doesNotExist();
    }
}
