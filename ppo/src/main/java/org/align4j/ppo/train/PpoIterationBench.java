package org.align4j.ppo.train;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.TensorDType;
import org.align4j.core.model.ModelPresets;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.core.tokenizer.TokenizerFiles;
import org.align4j.core.tokenizer.TokenizerKind;
import org.align4j.core.tokenizer.TokenizerTrainer;
import org.align4j.core.tokenizer.TrainerConfig;
import org.align4j.core.train.RunDirectory;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.datasets.template.ChatTemplates;
import org.align4j.ppo.config.PpoConfig;

/**
 * Where a PPO iteration's time goes: generation (sampling), scoring (reward model plus the rollout's
 * old/reference log-probs and values) and training (the minibatch updates), measured by running real
 * iterations through {@link PpoTrainer} after warm-up iterations that are not counted. For {@code align bench}.
 */
public final class PpoIterationBench {
    /** Prompts of the synthetic workload. */
    static final List<String> PROMPTS = List.of("my child has had a fever for three days", "what helps a sore throat",
            "chest pain when I climb stairs", "is it safe to take ibuprofen with food", "when should I see a doctor",
            "my ear hurts at night", "how much water should I drink", "dizzy after standing up");

    /**
     * The measured split.
     *
     * @param kind the trainer measured ({@code ppo}, {@code grpo}, {@code rloo})
     * @param iterations iterations measured (warm-up excluded)
     * @param generationSeconds seconds spent sampling answers
     * @param scoringSeconds seconds in the reward model and the rollout's forward passes
     * @param trainingSeconds seconds in the minibatch updates
     */
    public record Breakdown(String kind, int iterations, double generationSeconds, double scoringSeconds, double trainingSeconds) {
        public double totalSeconds() {
            return generationSeconds + scoringSeconds + trainingSeconds;
        }

        public double generationShare() {
            return generationSeconds / totalSeconds();
        }

        public double scoringShare() {
            return scoringSeconds / totalSeconds();
        }

        public double trainingShare() {
            return trainingSeconds / totalSeconds();
        }

        /** One line: {@code ppo iteration 1.23 s: generation 40% | scoring 15% | training 45%}. */
        public String format() {
            return String.format("%s iteration %.3f s: generation %.0f%% | scoring %.0f%% | training %.0f%%", kind,
                    totalSeconds() / iterations, 100 * generationShare(), 100 * scoringShare(), 100 * trainingShare());
        }
    }

    private PpoIterationBench() {}

    /**
     * Runs {@code warmup + iterations} iterations of {@code cfg} (its output directory is replaced by
     * {@code workDir/run}; evaluation and samples off) and returns the split of the last {@code iterations}.
     */
    public static Breakdown measure(PpoConfig cfg, int warmup, int iterations, Path workDir) {
        if (iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("iterations must be >= 1 and warmup >= 0, got " + iterations + ", " + warmup);
        }
        Path out = workDir.resolve("run-ppo");
        List<String> o = List.of("ppo.iterations=" + (warmup + iterations), "ppo.log_samples_every=0",
                "train.output_dir=" + out, "train.overwrite_output_dir=true", "train.resume=false", "train.log_every=1",
                "train.save_every=0", "prompts.eval=null");
        Path file = workDir.resolve("bench-ppo.yaml");
        RunConfigLoader.writeYaml(cfg, file);
        PpoConfig run = PpoConfig.load(file, o);
        try (PpoParts parts = PpoSetup.load(run);
                PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
            new PpoTrainer(run, parts, RunConfigLoader.toYaml(run), new StopSignal(), quiet).run();
        }
        return read("ppo", out.resolve(RunDirectory.METRICS_FILE), warmup);
    }

    /**
     * A self-contained workload: a freshly initialised policy ({@code arch} at preset {@code size}) and BERT reward
     * model of the same preset, with tokenizers trained on a few sentences, in {@code workDir}.
     *
     * @param rolloutBatch answers per iteration (also the minibatch; micro-batches of at most 8)
     * @param maxNewTokens answer length (the policy's random answers rarely stop early)
     */
    public static Breakdown synthetic(String arch, String size, int rolloutBatch, int maxNewTokens, int warmup,
            int iterations, Path workDir) {
        return synthetic(Workload.create(arch, size, workDir), rolloutBatch, maxNewTokens, warmup, iterations, workDir);
    }

    /** {@link #synthetic(String, String, int, int, int, int, Path)} on a workload already made (shared by benchmarks). */
    public static Breakdown synthetic(Workload w, int rolloutBatch, int maxNewTokens, int warmup, int iterations,
            Path workDir) {
        int micro = Math.min(8, rolloutBatch);
        while (rolloutBatch % micro != 0) {
            micro--;
        }
        PpoConfig cfg = PpoConfig.load(null, List.of("policy=" + w.policy(), "reward_model=" + w.rewardModel(),
                "prompts.train=" + w.prompts(), "prompts.template=" + ChatTemplates.chatml().name(),
                "reward.normalize=false", "generation.max_new_tokens=" + maxNewTokens,
                "ppo.rollout_batch_size=" + rolloutBatch, "ppo.minibatch_size=" + rolloutBatch,
                "ppo.micro_batch_size=" + micro, "ppo.ppo_epochs=1"));
        return measure(cfg, warmup, iterations, workDir);
    }

    /**
     * The synthetic models and prompts every RL benchmark runs on: a freshly initialised policy and a BERT reward
     * model of the same preset, with tokenizers trained on a few sentences, and a prompts file.
     */
    public record Workload(Path policy, Path rewardModel, Path prompts) {
        public static Workload create(String arch, String size, Path workDir) {
            try {
                Files.createDirectories(workDir);
                List<String> corpus = new ArrayList<>(PROMPTS);
                corpus.addAll(List.of("please rest and drink water", "see a doctor if it gets worse", "call an ambulance"));
                Path tokP = workDir.resolve("tokenizer-bpe");
                TokenizerFiles.write(tokP, TokenizerTrainer.train(TrainerConfig.defaults(TokenizerKind.BPE, 320), corpus));
                Path tokR = workDir.resolve("tokenizer-wordpiece");
                TokenizerFiles.write(tokR, TokenizerTrainer.train(TrainerConfig.defaults(TokenizerKind.WORDPIECE, 200),
                        corpus));
                Path policy = init(arch, size, tokP, workDir.resolve("policy"), 1);
                Path rm = init("bert", size, tokR, workDir.resolve("reward-model"), 2);
                List<String> rows = new ArrayList<>();
                for (String p : PROMPTS) {
                    rows.add("{\"prompt\": \"" + p + "\", \"chosen\": \"see a doctor\", \"rejected\": \"ignore it\"}");
                }
                return new Workload(policy, rm, Files.write(workDir.resolve("prompts.jsonl"), rows));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the RL benchmark in " + workDir + ": " + e.getMessage(), e);
            }
        }
    }

    private static Path init(String arch, String size, Path tokenizer, Path dir, int seed) {
        int vocab;
        try (TextTokenizer t = TextTokenizer.load(tokenizer)) {
            vocab = t.vocabSize();
        }
        Engine.getInstance().setRandomSeed(seed);
        try (PretrainedModel m = HfCheckpoint.initialize(ModelPresets.of(arch, size, vocab), null)) {
            HfCheckpoint.save(m, dir, TensorDType.F32, HfCheckpoint.DEFAULT_MAX_SHARD_BYTES,
                    d -> HfCheckpoint.copySideFiles(tokenizer, d));
        }
        return dir;
    }

    /** The split of the iteration lines of {@code metrics} after the first {@code warmup} (their timing keys). */
    public static Breakdown read(String kind, Path metrics, int warmup) {
        ObjectMapper json = new ObjectMapper();
        double g = 0;
        double s = 0;
        double t = 0;
        int n = 0;
        try {
            for (String line : Files.readAllLines(metrics)) {
                JsonNode m = json.readTree(line);
                if (m.has("time_training_s") && m.path("step").asInt() > warmup) {
                    g += m.get("time_generation_s").asDouble();
                    s += m.get("time_scoring_s").asDouble();
                    t += m.get("time_training_s").asDouble();
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metrics + ": " + e.getMessage(), e);
        }
        return new Breakdown(kind, n, g, s, t);
    }
}
