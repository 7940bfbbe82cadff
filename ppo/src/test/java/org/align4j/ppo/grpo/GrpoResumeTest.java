package org.align4j.ppo.grpo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.align4j.core.train.StopSignal;
import org.align4j.ppo.TinyModels;
import org.align4j.ppo.reward.RewardFunction;
import org.align4j.ppo.reward.WeightedRewards;
import org.align4j.ppo.train.TinyRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GRPO run stopped after k iterations and resumed ends with exactly the weights and metrics of an uninterrupted run. */
class GrpoResumeTest {
    @TempDir static Path tmp;
    static int threads;
    static Path policyDir;
    static Path prompts;
    static Map<String, float[]> straightPolicy;

    @BeforeAll
    static void uninterrupted() {
        threads = TinyRun.singleThread(); // exactness is a property of what checkpoints save: tested without thread noise
        policyDir = TinyModels.policy(tmp.resolve("policy"), 23);
        prompts = TinyRun.promptsFile(tmp.resolve("prompts.jsonl"), TinyRun.PROMPTS);
        GrpoConfig cfg = TinyGrpo.config(policyDir, prompts, tmp.resolve("straight"), "grpo.iterations=3");
        try (GrpoParts parts = GrpoSetup.load(cfg, TinyGrpo.rewards(), null)) {
            TinyGrpo.run(cfg, parts, new StopSignal(), new ByteArrayOutputStream());
            straightPolicy = TinyRun.snapshot(parts.inputs().policy().bundle().pretrained().module());
        }
    }

    @AfterAll
    static void restore() {
        TinyRun.restoreThreads(threads);
    }

    @Test
    void aRunStoppedAfterAnIterationResumesToExactlyTheUninterruptedWeightsAndMetrics() throws Exception {
        StopSignal signal = new StopSignal();
        AtomicInteger calls = new AtomicInteger();
        RewardFunction vowels = TinyGrpo.vowels();
        RewardFunction stopsInIterationTwo = b -> {
            if (calls.incrementAndGet() == 2) {
                signal.requestStop(); // as Ctrl-C during iteration 2: honoured before iteration 3
            }
            return vowels.score(b);
        };
        WeightedRewards stopping = new WeightedRewards(List.of(new WeightedRewards.Term("vowels", 1.0, stopsInIterationTwo),
                TinyGrpo.rewards().terms().get(1)));
        Path out = tmp.resolve("stopped");
        GrpoConfig first = TinyGrpo.config(policyDir, prompts, out, "grpo.iterations=3", "train.save_every=0");
        try (GrpoParts parts = GrpoSetup.load(first, stopping, null)) {
            GrpoResult r = TinyGrpo.run(first, parts, signal, new ByteArrayOutputStream());
            assertThat(r.interrupted()).isTrue();
            assertThat(r.iterations()).isEqualTo(2);
            assertThat(r.finalDir()).isNull();
        }
        assertThat(out.resolve("checkpoint-2")).isDirectory();

        GrpoConfig again = TinyGrpo.config(policyDir, prompts, out, "grpo.iterations=3", "train.resume=true");
        try (GrpoParts parts = GrpoSetup.load(again, TinyGrpo.rewards(), null)) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            GrpoResult r = TinyGrpo.run(again, parts, new StopSignal(), log);
            assertThat(log.toString()).contains("resuming from").contains("iteration 2 of 3");
            assertThat(r.iterations()).isEqualTo(3);
            Map<String, float[]> policy = TinyRun.snapshot(parts.inputs().policy().bundle().pretrained().module());
            TinyRun.assertSameValues(policy, straightPolicy);
        }
        assertThat(TinyRun.metricsWithoutTimes(out))
                .containsExactlyElementsOf(TinyRun.metricsWithoutTimes(tmp.resolve("straight")));
    }
}
