package org.align4j.reward.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.align4j.core.train.config.ConfigException;
import org.align4j.core.train.config.BundledText;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.core.train.config.TrainConfig;

/**
 * The configuration of {@code align reward train}, read from YAML with {@link RunConfigLoader} (unknown keys
 * are errors, {@code --set a.b=c} overrides):
 *
 * <pre>
 * model:  {init: {preset: small}}            # or path: a BERT checkpoint directory
 * data:   {kind: pairs, train_files: [pairs.jsonl], eval_fraction: 0.1, max_length: 256}
 * reward: {margin_scale: 0.0, center_rewards_coefficient: 0.0}
 * train:  {output_dir: runs/reward, lr: 3.0e-4, epochs: 3, batch_size: 16, eval_every: 25}
 * </pre>
 *
 * <p>From code (e.g. the demo), build one and train:
 * <pre>{@code
 * RewardTrainingConfig cfg = RewardTrainingConfig.loadBundled(RewardTrainingConfig.DEMO, List.of("train.output_dir=" + dir));
 * // or RewardTrainingConfig.load(Path.of("rm.yaml"), overrides), or RewardTrainingConfig.fromText(text, "rm.yaml", overrides)
 * RewardTrainer.Result r = RewardTrainer.train(cfg, new StopSignal(), System.out);
 * r.finalDir();                                   // the HF model directory, for RewardScorer.load(dir, batchSize)
 * ((PairReport) r.finalReport()).accuracy();      // held-out pairwise accuracy
 * }</pre>
 *
 * @param model where the encoder comes from
 * @param data the training and held-out data
 * @param reward loss and evaluation options
 * @param train the shared training-loop settings
 */
public record RewardTrainingConfig(RewardModelConfig model, RewardDataConfig data, RewardLossConfig reward, TrainConfig train) {
    /** The documented example configuration ({@code align reward train --example}): the whole bundled sample. */
    public static final String EXAMPLE = "rm-sample.yaml";
    /** The reward model of {@code align demo} (its full plan): a small BERT from scratch on the sample's pairs. */
    public static final String DEMO = "rm-demo.yaml";
    private static final String RESOURCES = "/org/align4j/reward/";

    public RewardTrainingConfig {
        model = model == null ? RewardModelConfig.defaults() : model;
        data = data == null ? RewardDataConfig.defaults() : data;
        reward = reward == null ? RewardLossConfig.defaults() : reward;
        train = train == null ? TrainConfig.defaults() : train;
    }

    public static RewardTrainingConfig defaults() {
        return new RewardTrainingConfig(RewardModelConfig.defaults(), RewardDataConfig.defaults(), RewardLossConfig.defaults(),
                TrainConfig.defaults());
    }

    /**
     * Loads {@code file} (null: defaults only) with {@code --set} overrides and checks that a run can start.
     *
     * @throws ConfigException naming the field, the value and what is allowed
     */
    public static RewardTrainingConfig load(Path file, List<String> overrides) {
        RewardTrainingConfig c = RunConfigLoader.load(file, overrides, RewardTrainingConfig.class, defaults(),
                Map.of("model.init", ModelInit.defaults()));
        return checkRunnable(c, file == null ? "configuration" : file.toString());
    }

    /**
     * Reads a configuration from YAML text, e.g. {@code fromText(bundled(DEMO), DEMO, List.of("train.output_dir=x"))}.
     *
     * @param source how error messages name the text (a resource or file name)
     * @param overrides {@code a.b=c} overrides, as {@code --set} takes them
     * @throws ConfigException naming the source, the field, the value and what is allowed
     */
    public static RewardTrainingConfig fromText(String yaml, String source, List<String> overrides) {
        RewardTrainingConfig c = RunConfigLoader.loadText(yaml, source, overrides, RewardTrainingConfig.class, defaults(),
                Map.of("model.init", ModelInit.defaults()));
        return checkRunnable(c, source);
    }

    /**
     * The text of a configuration bundled with this module: {@link #EXAMPLE} (documented, the whole sample) or
     * {@link #DEMO} (the demo's reward model).
     */
    public static String bundled(String name) {
        if (!BundledText.exists(RewardTrainingConfig.class, RESOURCES + name)) {
            throw new IllegalArgumentException("no bundled reward configuration '" + name + "'; use " + EXAMPLE
                    + " or " + DEMO);
        }
        return BundledText.read(RewardTrainingConfig.class, RESOURCES + name);
    }

    /** A bundled configuration ({@link #EXAMPLE} or {@link #DEMO}) with {@code a.b=c} overrides. */
    public static RewardTrainingConfig loadBundled(String name, List<String> overrides) {
        return fromText(bundled(name), name, overrides);
    }

    private static RewardTrainingConfig checkRunnable(RewardTrainingConfig c, String source) {
        if (!c.model().specified()) {
            throw new ConfigException(source + ": model: set model.path to a BERT checkpoint directory, or model.init"
                    + " (e.g. init: {preset: small}) to train one from scratch");
        }
        if (!c.data().hasSource()) {
            throw new ConfigException(source + ": data: give train_files (JSONL " + c.data().kind() + ") or db (a "
                    + "feedback database) to train on");
        }
        boolean pairwise = c.data().pairwise();
        if (!pairwise && c.reward().marginScale() > 0) {
            throw new ConfigException(source + ": reward.margin_scale: " + c.reward().marginScale() + " applies to "
                    + "pairs only; set it to 0 for ratings");
        }
        if (!pairwise && c.reward().labelSmoothing() > 0) {
            throw new ConfigException(source + ": reward.label_smoothing: " + c.reward().labelSmoothing() + " applies to"
                    + " pairs only (ratings regress onto their scores); set it to 0");
        }
        if (!pairwise && c.reward().centerRewardsCoefficient() > 0) {
            throw new ConfigException(source + ": reward.center_rewards_coefficient: applies to pairs only (ratings "
                    + "regress onto their scores); set it to 0");
        }
        return c;
    }

    /** The configuration as YAML (printed at start, saved beside checkpoints and the final model). */
    public String toYaml() {
        return RunConfigLoader.toYaml(this);
    }
}
