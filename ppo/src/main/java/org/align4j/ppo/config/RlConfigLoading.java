package org.align4j.ppo.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.align4j.core.lora.LoraConfig;
import org.align4j.core.train.config.ConfigException;
import org.align4j.core.train.config.RunConfigLoader;

/**
 * How the RL stages (PPO, GRPO/RLOO) read their configuration: a file or YAML text merged over the stage's
 * defaults with {@code --set} overrides, a {@code lora} section filled from {@link LoraConfig#defaults()} when
 * it is turned on, then the fields a run cannot do without checked against the source the errors name.
 */
public final class RlConfigLoading {
    private RlConfigLoading() {}

    /**
     * Reads {@code file} (null: defaults only) with {@code overrides}, then lets {@code requireRunnable} check the
     * result, naming the file (or "configuration") and the overrides.
     */
    public static <C> C load(Path file, List<String> overrides, Class<C> type, C defaults,
            BiConsumer<C, String> requireRunnable) {
        C c = RunConfigLoader.load(file, overrides, type, defaults, sectionDefaults());
        requireRunnable.accept(c, RunConfigLoader.describeSource(file == null ? "configuration" : file.toString(),
                overrides));
        return c;
    }

    /** Like {@link #load} for YAML text; errors name {@code source} where {@link #load} names the file. */
    public static <C> C fromText(String yaml, String source, List<String> overrides, Class<C> type, C defaults,
            BiConsumer<C, String> requireRunnable) {
        C c = RunConfigLoader.loadText(yaml, source, overrides, type, defaults, sectionDefaults());
        requireRunnable.accept(c, RunConfigLoader.describeSource(source, overrides));
        return c;
    }

    /**
     * Fails when a required field is unset.
     *
     * @param source how the configuration is named ({@link RunConfigLoader#describeSource})
     * @param what what the field must be set to, e.g. "the SFT model directory to start from"
     * @throws ConfigException {@code "<source>: <field>: must be set to <what>"} when {@code value} is null
     */
    public static void require(String source, String field, Object value, String what) {
        if (value == null) {
            throw new ConfigException(source + ": " + field + ": must be set to " + what);
        }
    }

    private static Map<String, ?> sectionDefaults() {
        return Map.of("lora", LoraConfig.defaults());
    }
}
