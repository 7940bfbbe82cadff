package org.align4j.dpo.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * train:  {output_dir: runs/dpo, lr: 5.0e-6, epochs: 1, batch_size: 8}
 * </pre>
 *
 * @param policy the checkpoint directory of the starting policy
 * @param data the pairs and their tokenisation
 * @param dpo the loss and the reference
 * @param train the shared training-loop settings
 */
public record DpoConfig(String policy, DpoDataConfig data, DpoLossConfig dpo, TrainConfig train) {

    public DpoConfig {
        data = data == null ? DpoDataConfig.defaults() : data;
        dpo = dpo == null ? DpoLossConfig.defaults() : dpo;
        train = train == null ? TrainConfig.defaults() : train;
    }

    /** Nothing set but the defaults of each section; a run needs {@code policy} and a data source. */
    public static DpoConfig defaults() {
        return new DpoConfig(null, DpoDataConfig.defaults(), DpoLossConfig.defaults(), TrainConfig.defaults());
    }

    /**
     * Loads {@code file} (null: defaults only) with {@code --set} overrides and checks that a run can
     * start from it.
     *
     * @throws ConfigException naming the field, the value and what is allowed
     */
    public static DpoConfig load(Path file, List<String> overrides) {
        DpoConfig c = RunConfigLoader.load(file, overrides, DpoConfig.class, defaults(), Map.of());
        String source = file == null ? "configuration" : file.toString();
        if (c.policy() == null || c.policy().isBlank()) {
            throw new ConfigException(source + ": policy: must be set to the checkpoint directory of the starting"
                    + " policy (e.g. policy: runs/sft/final)");
        }
        if (!c.data().hasSource()) {
            throw new ConfigException(source + ": data: give train_files (JSONL preference pairs) or db (a feedback"
                    + " database) to train on");
        }
        return c;
    }

    /** The configuration as YAML (printed at start, saved beside checkpoints). */
    public String toYaml() {
        return RunConfigLoader.toYaml(this);
    }
}
