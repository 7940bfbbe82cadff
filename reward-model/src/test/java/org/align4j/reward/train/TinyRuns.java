package org.align4j.reward.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.core.model.PretrainedModel;
import org.align4j.reward.SyntheticFeedback;
import org.align4j.reward.config.RewardTrainingConfig;
import org.align4j.reward.data.RewardData;

/** Tiny reward-model runs for tests: a tiny BERT with a ~150-token WordPiece vocabulary on synthetic data. */
final class TinyRuns {
    private TinyRuns() {}

    /** Writes synthetic training and held-out files of {@code kind} and returns a config over them. */
    static RewardTrainingConfig config(Path tmp, String kind, String... sets) {
        Path train = tmp.resolve("train.jsonl");
        Path eval = tmp.resolve("eval.jsonl");
        if (kind.equals("pairs")) {
            SyntheticFeedback.writePairs(train, SyntheticFeedback.pairs(120, 1));
            SyntheticFeedback.writePairs(eval, SyntheticFeedback.pairs(40, 2));
        } else {
            SyntheticFeedback.writeRatings(train, SyntheticFeedback.ratings(200, 1));
            SyntheticFeedback.writeRatings(eval, SyntheticFeedback.ratings(60, 2));
        }
        List<String> all = new ArrayList<>(List.of("model.init.preset=tiny", "model.init.vocab_size=150",
                "data.kind=" + kind, "data.train_files=[" + train + "]", "data.eval_files=[" + eval + "]",
                "data.eval_fraction=0", "data.max_length=64", "train.output_dir=" + tmp.resolve("run"),
                "train.lr=3e-3", "train.batch_size=8", "train.max_steps=30", "train.warmup_steps=3",
                "train.eval_every=15", "train.save_every=0", "train.log_every=10", "train.seed=7"));
        all.addAll(List.of(sets));
        return RewardTrainingConfig.load(null, all);
    }

    /** The data, model and task of {@code cfg}, as {@link RewardTrainer} builds them. */
    static Fixture fixture(RewardTrainingConfig cfg, PrintStream out) {
        Path root = Path.of(cfg.train().outputDir());
        RewardData.Sets sets = RewardData.load(cfg.data(), root, cfg.train().seed(), out);
        RewardModels.Loaded loaded = RewardModels.prepare(cfg, sets.train(), root, cfg.train().resume(), out);
        var encoder = RewardTask.encoder(loaded.tokenizer(), cfg);
        EncodedExamples train = EncodedExamples.encode(sets.train(), loaded.tokenizer(), encoder, "training");
        EncodedExamples eval = EncodedExamples.encode(sets.eval(), loaded.tokenizer(), encoder, "held-out");
        return new Fixture(loaded, new RewardTask(loaded, cfg, train, eval, cfg.toYaml()), train);
    }

    record Fixture(RewardModels.Loaded loaded, RewardTask task, EncodedExamples train) implements AutoCloseable {
        @Override
        public void close() {
            loaded.close();
        }
    }

    static Map<String, float[]> weights(PretrainedModel m) {
        Map<String, float[]> w = new LinkedHashMap<>();
        m.module().namedParameters().forEach((k, p) -> w.put(k, p.getArray().toFloatArray()));
        return w;
    }
}
