package org.align4j.eval;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.TensorDType;
import org.align4j.core.model.Gpt2Config;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.testing.PairCorpus;
import org.align4j.core.testing.TinyCheckpoints;
import org.align4j.core.tokenizer.TokenizerKind;
import org.align4j.core.train.StopSignal;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.io.JsonlWriter;
import org.align4j.reward.config.RewardTrainingConfig;
import org.align4j.reward.train.RewardTrainer;

/** Tiny checkpoints written through the real saving code: GPT-2 policies and a BERT reward model. */
final class TinyModels {
    private TinyModels() {}

    /** A BPE tokenizer trained on the pairs' texts, in {@code dir}. */
    static Path tokenizer(Path dir, List<PreferencePair> pairs) {
        return TinyCheckpoints.tokenizer(dir, TokenizerKind.BPE, 600, PairCorpus.of(pairs));
    }

    /** A randomly initialised GPT-2 (d 32, 2 layers) with {@code tokenizer}'s files, seeded. */
    static Path policy(Path dir, Path tokenizer, int seed) {
        return TinyCheckpoints.model(dir, tokenizer, vocab -> Gpt2Config.of(vocab, 256, 32, 2, 2), null, seed);
    }

    /**
     * A copy of {@code source} whose (tied) token embeddings are multiplied by {@code factor}: its
     * next-token distributions are much sharper than the near-uniform ones of a fresh model.
     */
    static Path sharpened(Path dir, Path source, float factor) {
        try (PretrainedModel m = HfCheckpoint.load(source)) {
            m.module().namedParameters().forEach((name, p) -> {
                if (name.endsWith("wte.weight")) {
                    p.getArray().muli(factor);
                }
            });
            HfCheckpoint.save(m, dir, TensorDType.F32, HfCheckpoint.DEFAULT_MAX_SHARD_BYTES,
                    d -> HfCheckpoint.copySideFiles(source, d));
        }
        return dir;
    }

    /** A tiny BERT reward model trained for a few steps on {@code pairs}; its final directory. */
    static Path rewardModel(Path tmp, List<PreferencePair> pairs) {
        Path train = tmp.resolve("rm-pairs.jsonl");
        JsonlWriter.writeAll(train, Codecs.PAIRS, pairs);
        RewardTrainingConfig cfg = RewardTrainingConfig.load(null, List.of("model.init.preset=tiny", "model.init.vocab_size=1000",
                "data.kind=pairs", "data.train_files=[" + train + "]", "data.eval_fraction=0.2",
                "data.max_length=128", "train.output_dir=" + tmp.resolve("rm"), "train.max_steps=3",
                "train.batch_size=8", "train.save_every=0", "train.eval_every=0", "train.seed=3"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return RewardTrainer.train(cfg, new StopSignal(), quiet).finalDir();
    }
}
