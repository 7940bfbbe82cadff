package org.align4j.cli.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.align4j.core.generate.SamplingConfig;
import picocli.CommandLine.Option;

/**
 * How the commands that write answers with a causal LM ({@code align generate}, {@code align feedback enqueue})
 * sample them: {@code --max-new-tokens}, {@code --temperature}, {@code --top-p} and {@code --seed}, each command
 * with its own defaults. The ranges are {@link SamplingConfig}'s; an out-of-range value is reported with the
 * option's name.
 */
public final class SamplingOptions {
    /** The {@link SamplingConfig} field each option sets, as its error messages name it. */
    private static final Map<String, String> OPTION_OF_FIELD = Map.of("max_new_tokens", "--max-new-tokens",
            "temperature", "--temperature", "top_p", "--top-p", "seed", "--seed");

    @Option(names = "--max-new-tokens", description = "most tokens generated per answer (default: ${DEFAULT-VALUE})")
    int maxNewTokens;

    @Option(names = "--temperature", description = "0 = greedy, else sample at this temperature (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--top-p", description = "nucleus sampling threshold in (0, 1], 1 = off (default: ${DEFAULT-VALUE})")
    double topP;

    @Option(names = "--seed", description = "sampling seed (default: ${DEFAULT-VALUE})")
    long seed;

    /** The options with these values when they are not given (picocli shows the fields' initial values). */
    public SamplingOptions(int maxNewTokens, double temperature, double topP, long seed) {
        this.maxNewTokens = maxNewTokens;
        this.temperature = temperature;
        this.topP = topP;
        this.seed = seed;
    }

    /** {@code --max-new-tokens} as given (checked by {@link #config}). */
    public int maxNewTokens() {
        return maxNewTokens;
    }

    /**
     * {@code base} (the model's EOS and stops, and what else the command sets) with these options, built; a value
     * out of range is an error that names its option, e.g. {@code --top-p: must be in (0, 1] (1 = no limit), got 0.0}.
     */
    public SamplingConfig config(SamplingConfig.Builder base) {
        try {
            return base.maxNewTokens(maxNewTokens).temperature(temperature).topP(topP).seed(seed).build();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(':');
            String option = colon < 0 ? null : OPTION_OF_FIELD.get(message.substring(0, colon));
            if (option == null) {
                throw e;
            }
            throw new IllegalArgumentException(option + message.substring(colon), e);
        }
    }

    /** Adds the options to {@code settings} under their config names: max_new_tokens, temperature, top_p, seed. */
    public ObjectNode record(ObjectNode settings) {
        return settings.put("max_new_tokens", maxNewTokens).put("temperature", temperature).put("top_p", topP)
                .put("seed", seed);
    }
}
