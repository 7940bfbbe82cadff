package org.align4j.ppo.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.align4j.core.lora.LoraConfig;
import org.align4j.core.train.config.ConfigException;
import org.align4j.core.train.config.RunConfigLoader;

/**
 * How an RL stage (PPO, GRPO/RLOO) reads its configuration: a file or YAML text merged over the stage's
 * defaults with {@code --set} overrides, a {@code lora} section filled from {@link LoraConfig#defaults()} when
 * it is turned on, then the fields a run cannot do without checked, the errors naming the source.
 *
 * @param type the stage's configuration record
 * @param defaults the stage's defaults
 * @param required the fields that must be set, checked in order
 */
public record RlConfigLoading<C>(Class<C> type, Supplier<C> defaults, List<Required<C>> required) {
    /**
     * A field a run needs.
     *
     * @param field its dotted key, e.g. {@code prompts.train}
     * @param value reads it (null: unset)
     * @param what what it must be set to, e.g. "the SFT model directory to start from"
     */
    public record Required<C>(String field, Function<C, Object> value, String what) {}

    /** Reads {@code file} (null: defaults only) with {@code overrides}; errors name the file and the overrides. */
    public C load(Path file, List<String> overrides) {
        C c = RunConfigLoader.load(file, overrides, type, defaults.get(), sectionDefaults());
        return requireRunnable(c, RunConfigLoader.describeSource(file == null ? "configuration" : file.toString(),
                overrides));
    }

    /** Like {@link #load} for YAML text; errors name {@code source} where {@link #load} names the file. */
    public C fromText(String yaml, String source, List<String> overrides) {
        C c = RunConfigLoader.loadText(yaml, source, overrides, type, defaults.get(), sectionDefaults());
        return requireRunnable(c, RunConfigLoader.describeSource(source, overrides));
    }

    /**
     * {@code c} when every required field is set.
     *
     * @throws ConfigException {@code "<source>: <field>: must be set to <what>"} for the first unset one
     */
    C requireRunnable(C c, String source) {
        for (Required<C> r : required) {
            if (r.value().apply(c) == null) {
                throw new ConfigException(source + ": " + r.field() + ": must be set to " + r.what());
            }
        }
        return c;
    }

    private static Map<String, ?> sectionDefaults() {
        return Map.of("lora", LoraConfig.defaults());
    }
}
