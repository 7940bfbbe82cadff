package org.align4j.dpo.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.align4j.core.lora.LoraConfig;
import org.align4j.feedback.export.FeedbackWeighting;
import org.align4j.core.train.config.BundledText;
import org.align4j.core.train.config.ConfigException;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.core.train.config.TrainConfig;

/**
 * The configuration of {@code align dpo}, read from YAML with {@link RunConfigLoader}:
 *
 * <pre>
 * policy: runs/sft/final          # the starting policy (HF layout); also the reference
 * data:   {train_files: [pairs.jsonl], eval_fraction: 0.1, max_length: 512}
 * dpo:    {loss: sigmoid, beta: 0.1, reference: precomputed}
 * lora:   {r: 8, alpha: 16}       # optional: train adapters; the base with adapters off is the reference
 * train:  {output_dir: runs/dpo, lr: 5.0e-6, epochs: 1, batch_size: 8}
 * </pre>
 *
 * @param policy the checkpoint directory of the starting policy
 * @param data the pairs and their tokenisation
 * @param dpo the loss and the reference
 * @param lora LoRA adapters to train instead of every weight, or null (full training)
 * @param train the shared training-loop settings
 * @param kto the unpaired examples and class weights of {@code dpo.loss: kto}
 * @param feedback how pairs and examples read from a feedback database ({@code data.db}) are weighted: doctors'
 *     reliability, unsafe flags, corrections
 */
public record DpoConfig(String policy, DpoDataConfig data, DpoLossConfig dpo, LoraConfig lora, TrainConfig train,
        KtoConfig kto, FeedbackWeighting feedback) {
    /** The demo's configuration, sized for {@code align demo}'s full plan (its paths left to the caller). */
    public static final String DEMO_RESOURCE = "/dpo.demo.yaml";
    /** Sections that are off (null) unless the file turns them on, with the defaults they then take. */
    private static final Map<String, Object> SECTION_DEFAULTS = Map.of("lora", LoraConfig.defaults());

    public DpoConfig {
        data = data == null ? DpoDataConfig.defaults() : data;
        dpo = dpo == null ? DpoLossConfig.defaults() : dpo;
        train = train == null ? TrainConfig.defaults() : train;
        kto = kto == null ? KtoConfig.defaults() : kto;
        feedback = feedback == null ? FeedbackWeighting.defaults() : feedback;
    }

    /** The same run without a {@code kto:} section (its defaults). */
    public DpoConfig(String policy, DpoDataConfig data, DpoLossConfig dpo, LoraConfig lora, TrainConfig train) {
        this(policy, data, dpo, lora, train, null, null);
    }

    /** Nothing set but the defaults of each section; a run needs {@code policy} and a data source. */
    public static DpoConfig defaults() {
        return new DpoConfig(null, DpoDataConfig.defaults(), DpoLossConfig.defaults(), null, TrainConfig.defaults(),
                KtoConfig.defaults(), FeedbackWeighting.defaults());
    }

    /**
     * Loads {@code file} (null: defaults only) with {@code --set} overrides and checks that a run can
     * start from it.
     *
     * @throws ConfigException naming the field, the value and what is allowed
     */
    public static DpoConfig load(Path file, List<String> overrides) {
        DpoConfig c = RunConfigLoader.load(file, overrides, DpoConfig.class, defaults(),
                SECTION_DEFAULTS);
        return checkRunnable(c, file == null ? "configuration" : file.toString());
    }

    /**
     * The demo's configuration, {@code dpo.demo.yaml} (what {@code align demo} trains), with {@code key=value}
     * {@code overrides}; {@code policy} and the data paths are the caller's.
     *
     * @throws ConfigException naming the field, the value and what is allowed
     */
    public static DpoConfig demo(List<String> overrides) {
        DpoConfig c = RunConfigLoader.loadText(BundledText.read(DpoConfig.class, DEMO_RESOURCE), "dpo.demo.yaml",
                overrides, DpoConfig.class, defaults(), SECTION_DEFAULTS);
        return checkRunnable(c, RunConfigLoader.describeSource("dpo.demo.yaml", overrides));
    }

    private static DpoConfig checkRunnable(DpoConfig c, String source) {
        if (c.policy() == null || c.policy().isBlank()) {
            throw new ConfigException(source + ": policy: must be set to the checkpoint directory of the starting"
                    + " policy (e.g. policy: runs/sft/final)");
        }
        boolean kto = c.dpo().lossType().unpaired();
        if (!c.data().hasSource() && !(kto && c.kto().hasFiles())) {
            throw new ConfigException(source + ": data: give train_files (JSONL preference pairs) or db (a feedback"
                    + " database) to train on" + (kto ? ", or kto.unpaired_files / kto.ratings_files" : ""));
        }
        String batchProblem = c.dpo().batchSizeProblem(c.train().batchSize());
        if (batchProblem != null) {
            throw new ConfigException(source + ": " + batchProblem);
        }
        return c;
    }

    /** The configuration as YAML (printed at start, saved beside checkpoints). */
    public String toYaml() {
        return RunConfigLoader.toYaml(this);
    }
}
