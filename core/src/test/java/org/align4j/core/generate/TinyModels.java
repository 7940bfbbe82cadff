package org.align4j.core.generate;

import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.model.ModelPresets;
import org.align4j.core.model.PretrainedModel;

/** Randomly initialised tiny causal LMs and prompts for generation tests. */
final class TinyModels {
    static final int VOCAB = 96;

    private TinyModels() {}

    /** A tiny {@code arch} model (gpt2, llama or qwen2) drawn from {@code seed}. */
    static PretrainedModel create(String arch, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        return HfCheckpoint.initialize(ModelPresets.of(arch, "tiny", VOCAB), null);
    }

    /** Prompts of the given lengths with ids drawn from {@code seed}. */
    static List<int[]> prompts(long seed, int... lengths) {
        SplittableRandom r = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>();
        for (int n : lengths) {
            out.add(r.ints(n, 0, VOCAB).toArray());
        }
        return out;
    }
}
