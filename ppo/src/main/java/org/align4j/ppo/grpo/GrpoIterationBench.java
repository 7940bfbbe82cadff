package org.align4j.ppo.grpo;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.train.RunDirectory;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.datasets.template.ChatTemplates;
import org.align4j.ppo.train.PpoIterationBench;
import org.align4j.ppo.train.PpoIterationBench.Breakdown;

/**
 * Where a GRPO/RLOO iteration's time goes, beside PPO's ({@link PpoIterationBench}): generation (the G
 * answers per prompt), scoring (the reward list plus the old/reference log-prob passes) and training (the
 * updates), measured on real iterations through {@link GrpoTrainer} after uncounted warm-up iterations.
 */
public final class GrpoIterationBench {
    private GrpoIterationBench() {}

    /**
     * Runs {@code warmup + iterations} iterations of {@code cfg} (output in {@code workDir/run}; evaluation and
     * samples off) and returns the split of the last {@code iterations}.
     */
    public static Breakdown measure(GrpoConfig cfg, int warmup, int iterations, Path workDir) {
        if (iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("iterations must be >= 1 and warmup >= 0, got " + iterations + ", " + warmup);
        }
        Path out = workDir.resolve("run-" + cfg.grpo().algorithm());
        List<String> o = List.of("grpo.iterations=" + (warmup + iterations), "grpo.log_samples_every=0",
                "train.output_dir=" + out, "train.overwrite_output_dir=true", "train.resume=false", "train.log_every=1",
                "train.save_every=0", "prompts.eval=null");
        GrpoConfig run = GrpoConfig.fromText(RunConfigLoader.toYaml(cfg), "benchmark configuration", o);
        try (GrpoParts parts = GrpoSetup.load(run);
                PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
            new GrpoTrainer(run, parts, RunConfigLoader.toYaml(run), new StopSignal(), quiet).run();
        }
        return PpoIterationBench.read(cfg.grpo().algorithm(), out.resolve(RunDirectory.METRICS_FILE), warmup);
    }

    /**
     * The synthetic workload of {@link PpoIterationBench#synthetic} with {@code prompts × group} answers an
     * iteration, one update pass, the reward model and the safety rules as rewards.
     */
    public static Breakdown synthetic(String algorithm, String arch, String size, int prompts, int group,
            int maxNewTokens, int warmup, int iterations, Path workDir) {
        return synthetic(algorithm, PpoIterationBench.Workload.create(arch, size, workDir), prompts, group, maxNewTokens,
                warmup, iterations, workDir);
    }

    /** The same on a workload already made (shared with the PPO benchmark). */
    public static Breakdown synthetic(String algorithm, PpoIterationBench.Workload w, int prompts, int group,
            int maxNewTokens, int warmup, int iterations, Path workDir) {
        int answers = prompts * group;
        int micro = Math.min(8, answers);
        while (answers % micro != 0) {
            micro--;
        }
        GrpoConfig cfg = GrpoConfig.load(null, List.of("policy=" + w.policy(),
                "rewards=[{type: reward_model, weight: 1.0, path: '" + w.rewardModel() + "', normalize: false},"
                        + " {type: safety, weight: 1.0}]",
                "prompts.train=" + w.prompts(), "prompts.template=" + ChatTemplates.chatml().name(),
                "generation.max_new_tokens=" + maxNewTokens, "grpo.algorithm=" + algorithm,
                "grpo.prompts_per_iteration=" + prompts, "grpo.group_size=" + group, "grpo.minibatch_size=" + answers,
                "grpo.micro_batch_size=" + micro, "grpo.epochs=1"));
        return measure(cfg, warmup, iterations, workDir);
    }
}
