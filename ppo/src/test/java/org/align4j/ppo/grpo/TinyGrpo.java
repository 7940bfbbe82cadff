package org.align4j.ppo.grpo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.ppo.reward.LengthPenalty;
import org.align4j.ppo.reward.RewardFunction;
import org.align4j.ppo.reward.WeightedRewards;
import org.align4j.ppo.train.TinyRun;

/** Tiny GRPO runs for tests: a configuration through the real loader and a synthetic reward list. */
final class TinyGrpo {
    private TinyGrpo() {}

    /** 2 iterations of 4 prompts × 4 answers, 2 minibatches of 8 in micro-batches of 4, 2 epochs; {@code extra} last. */
    static GrpoConfig config(Path policy, Path prompts, Path out, String... extra) {
        return GrpoConfig.load(null, TinyRun.withExtra(List.of("policy=" + policy, "prompts.train=" + prompts,
                "train.output_dir=" + out, "grpo.iterations=2", "grpo.prompts_per_iteration=4", "grpo.group_size=4",
                "grpo.minibatch_size=8", "grpo.micro_batch_size=4", "grpo.epochs=2", "grpo.beta=0.1",
                "generation.max_new_tokens=8", "train.lr=3e-3", "eval.every=0", "train.save_every=1",
                "prompts.max_prompt_tokens=100", "grpo.log_samples_every=1", "grpo.samples_logged=2"), extra));
    }

    /** The share of vowels and spaces in an answer: something a random tiny policy can move towards. */
    static RewardFunction vowels() {
        return b -> b.answers().stream().mapToDouble(TinyRun::vowelShare).toArray();
    }

    /** vowels (weight 1) and a length penalty beyond 4 tokens (weight 0.05). */
    static WeightedRewards rewards() {
        return new WeightedRewards(List.of(new WeightedRewards.Term("vowels", 1.0, vowels()),
                new WeightedRewards.Term("length", 0.05, new LengthPenalty(4))));
    }

    static GrpoResult run(GrpoConfig cfg, GrpoParts parts, StopSignal signal, ByteArrayOutputStream log) {
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        return new GrpoTrainer(cfg, parts, RunConfigLoader.toYaml(cfg), signal, out).run();
    }
}
