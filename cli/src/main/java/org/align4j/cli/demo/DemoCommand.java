package org.align4j.cli.demo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.logprob.TokenLogProbs;
import org.align4j.core.model.ModelPresets;
import org.align4j.core.model.PretrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code align demo}: runs the loop on the bundled defaults. Today it covers what has landed: it
 * initialises a policy (GPT-2, Qwen2) and a reward model (BERT) from scratch, writes them as Hugging
 * Face checkpoints, loads them back and scores token sequences with both, checking the round trip.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run align4j end to end on the bundled defaults.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "demo-out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    int seed;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        Engine.getInstance().setRandomSeed(seed);
        System.out.println("align4j demo → " + out.toAbsolutePath());
        for (String arch : new String[] {"gpt2", "qwen2", "bert"}) {
            Path dir = out.resolve(arch);
            try (PretrainedModel m = HfCheckpoint.initialize(ModelPresets.of(arch, "small", 4096), null);
                    NDManager nd = NDManager.newBaseManager()) {
                HfCheckpoint.save(m, dir);
                float[] before = run(m, nd);
                try (PretrainedModel loaded = HfCheckpoint.load(dir)) {
                    float[] after = run(loaded, nd);
                    double maxDiff = 0;
                    for (int i = 0; i < before.length; i++) {
                        maxDiff = Math.max(maxDiff, Math.abs(before[i] - after[i]));
                    }
                    long params = m.module().namedParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
                    System.out.printf("  %-6s %,11d parameters  saved → loaded, max output difference %.1e  %s%n",
                            arch, params, maxDiff, describe(arch, after));
                }
            }
        }
        System.out.printf("done in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static float[] run(PretrainedModel m, NDManager nd) {
        NDArray ids = nd.arange(1, 33).toType(ai.djl.ndarray.types.DataType.INT64, false).reshape(new Shape(2, 16));
        if ("bert".equals(m.config().modelType())) {
            return m.sequenceClassifier().forward(ids, null, null, false).toFloatArray();
        }
        return TokenLogProbs.perToken(m.causalLm(), ids, null, false).toFloatArray();
    }

    private static String describe(String arch, float[] values) {
        if ("bert".equals(arch)) {
            return String.format("reward scores %.4f, %.4f", values[0], values[1]);
        }
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return String.format("perplexity of an untrained model %.0f (vocabulary 4096)", Math.exp(-sum / values.length));
    }
}
