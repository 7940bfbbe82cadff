package org.align4j.core.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.align4j.core.generate.SamplingConfig;
import org.align4j.core.generate.Generator;
import org.align4j.core.model.CausalLanguageModel;

/**
 * Generation throughput with and without the key/value cache: the same random prompts, greedy decoding
 * with no end-of-sequence token (every sequence runs to {@code newTokens}), after a short warm-up run.
 */
public final class GenerationBenchmark {
    /**
     * @param batch prompts generated at once
     * @param promptLength tokens per prompt
     * @param newTokens tokens generated per prompt
     * @param seconds wall time of the timed run
     * @param tokensPerSecond batch·newTokens / seconds
     */
    public record Result(int batch, int promptLength, int newTokens, double seconds, double tokensPerSecond) {}

    private GenerationBenchmark() {}

    /** Times one greedy generation of {@code newTokens} for {@code batch} random prompts. */
    public static Result run(CausalLanguageModel model, int batch, int promptLength, int newTokens, boolean useCache,
            long seed) {
        List<int[]> prompts = prompts(batch, promptLength, model.config().vocabSize(), seed);
        Generator generator = new Generator(model);
        SamplingConfig config = SamplingConfig.builder().maxNewTokens(newTokens).useCache(useCache).build();
        generator.generate(prompts, config.toBuilder().maxNewTokens(Math.min(newTokens, 4)).build()); // warm-up
        long t0 = System.nanoTime();
        generator.generate(prompts, config);
        double s = (System.nanoTime() - t0) / 1e9;
        return new Result(batch, promptLength, newTokens, s, batch * (double) newTokens / s);
    }

    static List<int[]> prompts(int batch, int length, int vocab, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            out.add(r.ints(length, 0, vocab).toArray());
        }
        return out;
    }
}
