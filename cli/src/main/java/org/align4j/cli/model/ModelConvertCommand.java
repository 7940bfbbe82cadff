package org.align4j.cli.model;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.TensorDType;
import org.align4j.core.model.PretrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code align model convert}: load a checkpoint and save it again (dtype change, resharding, prefix clean-up). */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Load a model and save it in the Hugging Face layout (e.g. to change dtype).")
public final class ModelConvertCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "input model directory")
    Path model;

    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    @Mixin WeightDtype dtype;

    @Option(names = "--max-shard-mb", description = "split weights into shards of at most this many MB")
    Long maxShardMb;

    @Override
    public Integer call() throws Exception {
        TensorDType t = dtype.type();
        if (out.toAbsolutePath().normalize().equals(model.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--out must differ from --model");
        }
        long shard = maxShardMb == null ? HfCheckpoint.DEFAULT_MAX_SHARD_BYTES : maxShardMb * 1_000_000L;
        try (PretrainedModel m = HfCheckpoint.load(model)) {
            HfCheckpoint.save(m, out, t, shard, dir -> HfCheckpoint.copySideFiles(model, dir));
            System.out.printf("converted %s (%s) to %s as %s%n", model, m.config().modelType(), out, t);
        }
        return 0;
    }
}
