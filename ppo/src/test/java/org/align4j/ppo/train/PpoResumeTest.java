package org.align4j.ppo.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.align4j.core.train.StopSignal;
import org.align4j.ppo.TinyModels;
import org.align4j.ppo.config.PpoConfig;
import org.align4j.ppo.rollout.AnswerScorer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stop-and-resume and kill-and-resume give exactly the weights, β and metrics of an uninterrupted run. */
class PpoResumeTest {
    @TempDir static Path tmp;
    static int threads;
    static Path policyDir;
    static Path prompts;
    static Map<String, float[]> straightPolicy;
    static Map<String, float[]> straightHead;
    static PpoResult straight;
    /** An adaptive controller far from its target, so that β changes every iteration. */
    static final String[] ADAPTIVE = {"kl.adaptive=true", "kl.init_coef=0.2", "kl.target=0.01", "kl.horizon=16",
            "ppo.iterations=3"};

    @BeforeAll
    static void uninterrupted() {
        threads = TinyRun.singleThread(); // exactness is a property of what checkpoints save: tested without thread noise
        policyDir = TinyModels.policy(tmp.resolve("policy"), 17);
        prompts = TinyRun.promptsFile(tmp.resolve("prompts.jsonl"), TinyRun.PROMPTS);
        PpoConfig cfg = TinyRun.config(policyDir, prompts, tmp.resolve("straight"), ADAPTIVE);
        try (PpoParts parts = PpoSetup.load(cfg, TinyRun.vowels(), null, null)) {
            straight = TinyRun.run(cfg, parts, new StopSignal(), new ByteArrayOutputStream());
            straightPolicy = TinyRun.snapshot(parts.policy().bundle().pretrained().module());
            straightHead = TinyRun.snapshot(parts.critic().head());
        }
    }

    @AfterAll
    static void restore() {
        TinyRun.restoreThreads(threads);
    }

    /** Resumes the run in {@code out} to the end and checks it against the uninterrupted run. */
    static void resumeAndCompare(Path out, String from) throws Exception {
        List<String> o = new ArrayList<>(List.of(ADAPTIVE));
        o.add("train.resume=true");
        PpoConfig again = TinyRun.config(policyDir, prompts, out, o.toArray(String[]::new));
        try (PpoParts parts = PpoSetup.load(again, TinyRun.vowels(), null, null)) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PpoResult r = TinyRun.run(again, parts, new StopSignal(), log);
            assertThat(log.toString()).contains("resuming from").contains(from);
            assertThat(r.iterations()).isEqualTo(3);
            assertThat(r.klCoef()).isEqualTo(straight.klCoef()).isNotEqualTo(0.2);
            Map<String, float[]> policy = TinyRun.snapshot(parts.policy().bundle().pretrained().module());
            Map<String, float[]> head = TinyRun.snapshot(parts.critic().head());
            TinyRun.assertSameValues(policy, straightPolicy);
            TinyRun.assertSameValues(head, straightHead);
        }
        assertThat(TinyRun.metricsWithoutTimes(out))
                .containsExactlyElementsOf(TinyRun.metricsWithoutTimes(tmp.resolve("straight")));
    }

    @Test
    void aRunStoppedDuringAnIterationSavesItAndResumesExactly() throws Exception {
        StopSignal signal = new StopSignal();
        AtomicInteger calls = new AtomicInteger();
        AnswerScorer vowels = TinyRun.vowels();
        AnswerScorer stopsInIterationOne = (p, a) -> {
            if (calls.incrementAndGet() == 1) {
                signal.requestStop(); // as Ctrl-C during iteration 1: honoured before iteration 2
            }
            return vowels.score(p, a);
        };
        Path out = tmp.resolve("stopped");
        PpoConfig first = TinyRun.config(policyDir, prompts, out, ADAPTIVE[0], ADAPTIVE[1], ADAPTIVE[2], ADAPTIVE[3],
                ADAPTIVE[4], "train.save_every=0");
        try (PpoParts parts = PpoSetup.load(first, stopsInIterationOne, null, null)) {
            PpoResult r = TinyRun.run(first, parts, signal, new ByteArrayOutputStream());
            assertThat(r.interrupted()).isTrue();
            assertThat(r.iterations()).isEqualTo(1);
            assertThat(r.finalDir()).isNull();
        }
        assertThat(out.resolve("checkpoint-1")).isDirectory();
        resumeAndCompare(out, "iteration 1 of 3");
    }

    @Test
    void aRunKilledMidIterationResumesFromItsLastCheckpointExactly() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AnswerScorer vowels = TinyRun.vowels();
        AnswerScorer killedInIterationThree = (p, a) -> {
            if (calls.incrementAndGet() == 3) {
                throw new IllegalStateException("killed");
            }
            return vowels.score(p, a);
        };
        Path out = tmp.resolve("killed");
        PpoConfig first = TinyRun.config(policyDir, prompts, out, ADAPTIVE[0], ADAPTIVE[1], ADAPTIVE[2], ADAPTIVE[3],
                ADAPTIVE[4], "train.save_every=1");
        try (PpoParts parts = PpoSetup.load(first, killedInIterationThree, null, null)) {
            assertThatThrownBy(() -> TinyRun.run(first, parts, new StopSignal(), new ByteArrayOutputStream()))
                    .hasMessage("killed");
        }
        assertThat(out.resolve("checkpoint-2")).isDirectory();
        resumeAndCompare(out, "iteration 2 of 3");
    }
}
