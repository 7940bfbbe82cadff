package org.align4j.core.testing;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.TensorDType;
import org.align4j.core.model.ModelConfig;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.core.tokenizer.TokenizerFiles;
import org.align4j.core.tokenizer.TokenizerKind;
import org.align4j.core.tokenizer.TokenizerTrainer;
import org.align4j.core.tokenizer.TrainerConfig;

/**
 * The one fixture set for tiny checkpoints in tests of every module (core's test-jar): a tokenizer
 * trained on a corpus, and a seeded random model saved in Hugging Face layout with that tokenizer's
 * files, both through the real training and saving code.
 */
public final class TinyCheckpoints {
    private TinyCheckpoints() {}

    /** A {@code kind} tokenizer of about {@code vocab} tokens trained on {@code corpus}, written into {@code dir}. */
    public static Path tokenizer(Path dir, TokenizerKind kind, int vocab, List<String> corpus) {
        TokenizerFiles.write(dir, TokenizerTrainer.train(TrainerConfig.defaults(kind, vocab), corpus));
        return dir;
    }

    /** The vocabulary size of the tokenizer in {@code dir}. */
    public static int vocabSize(Path dir) {
        try (TextTokenizer t = TextTokenizer.load(dir)) {
            return t.vocabSize();
        }
    }

    /**
     * A randomly initialised model (engine seeded with {@code seed}) of the configuration {@code config}
     * gives for the tokenizer's vocabulary size, saved (F32) into {@code dir} with the tokenizer's files.
     *
     * @param extraConfig extra keys for config.json (e.g. eos/pad ids), or null
     */
    public static Path model(Path dir, Path tokenizer, IntFunction<ModelConfig> config, ObjectNode extraConfig,
            int seed) {
        ModelConfig c = config.apply(vocabSize(tokenizer));
        Engine.getInstance().setRandomSeed(seed);
        try (PretrainedModel m = HfCheckpoint.initialize(c, extraConfig)) {
            HfCheckpoint.save(m, dir, TensorDType.F32, HfCheckpoint.DEFAULT_MAX_SHARD_BYTES,
                    d -> HfCheckpoint.copySideFiles(tokenizer, d));
        }
        return dir;
    }
}
