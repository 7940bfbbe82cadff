package org.align4j.reward.train;

import java.io.PrintStream;
import java.nio.file.Path;
import org.align4j.core.train.RunDirectory;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.TrainingLoop;
import org.align4j.core.train.TrainingResult;
import org.align4j.reward.PairEncoder;
import org.align4j.reward.config.RewardTrainingConfig;
import org.align4j.reward.data.PairExamples;
import org.align4j.reward.data.RewardData;
import org.align4j.reward.data.RewardExamples;
import org.align4j.reward.data.SyntheticNegatives;
import org.align4j.reward.eval.NegativeCheck;
import org.align4j.reward.eval.RewardReport;

/**
 * Runs {@code align reward train}: reads the data, builds the model and tokenizer, tokenises both sets, and
 * hands a {@link RewardTask} to the shared {@link TrainingLoop} (evaluation every {@code train.eval_every}
 * steps and at the end, checkpoints, resume, Ctrl-C).
 */
public final class RewardTrainer {
    /**
     * How a run ended.
     *
     * @param training the loop's result (steps, losses, final directory)
     * @param finalReport the last evaluation on the held-out data, or null without held-out data
     * @param negatives the finished model on synthetic off-topic and word-salad pairs built from the held-out pairs,
     *     or null (ratings, no held-out pairs, or an interrupted run)
     */
    public record Result(TrainingResult training, RewardReport finalReport, NegativeCheck negatives) {
        /** The finished model's directory, or null when the run was interrupted. */
        public Path finalDir() {
            return training.finalDir();
        }
    }

    private RewardTrainer() {}

    public static Result train(RewardTrainingConfig cfg, StopSignal signal, PrintStream out) {
        String yaml = cfg.toYaml();
        Path root = Path.of(cfg.train().outputDir()).toAbsolutePath().normalize();
        // Checked (and an overwritten run cleared) before anything is written into output_dir, e.g. a tokenizer.
        new RunDirectory(root).prepare(cfg.train().resume(), cfg.train().overwriteOutputDir(), yaml);
        RewardData.Sets sets = RewardData.load(cfg.data(), root, cfg.train().seed(), out);
        try (RewardModels.Loaded loaded = RewardModels.prepare(cfg, sets.train(), root, cfg.train().resume(), out)) {
            PairEncoder encoder = RewardTask.encoder(loaded.tokenizer(), cfg);
            RewardExamples examples = sets.train();
            if (cfg.data().negatives().any()) {
                SyntheticNegatives.Added added = SyntheticNegatives.addTo((PairExamples) sets.train(),
                        cfg.data().negatives(), cfg.train().seed());
                out.printf("synthetic pairs: %d off-topic and %d word-salad pairs added to %d training pairs%n",
                        added.offTopic(), added.wordSalad(), sets.train().size());
                examples = added.all();
            }
            EncodedExamples train = EncodedExamples.encode(examples, loaded.tokenizer(), encoder, "training");
            // the human pairs come first: reward_stats.json describes their answers only
            EncodedExamples human = examples == sets.train() ? train : train.firstPairs(sets.train().size());
            EncodedExamples eval = EncodedExamples.encode(sets.eval(), loaded.tokenizer(), encoder, "held-out");
            out.println(train.summary("training"));
            if (eval.size() > 0) {
                out.println(eval.summary("held-out"));
            } else {
                out.println("held-out: none (set data.eval_files or data.eval_fraction to evaluate)");
            }
            out.printf("objective: %s, %d steps%n", cfg.data().pairwise() ? "Bradley-Terry on pairs" : "MSE on ratings",
                    cfg.train().totalSteps(train.size()));
            RewardTask task = new RewardTask(loaded, cfg, train, eval, human, yaml);
            TrainingResult r = new TrainingLoop(cfg.train(), task, yaml, signal, out).run();
            NegativeCheck negatives = null;
            if (r.finalDir() != null && sets.eval() instanceof PairExamples heldOut && heldOut.size() > 1) {
                negatives = NegativeCheck.of(task.scorer(), heldOut, cfg.reward(), cfg.train().seed());
                out.print(negatives.format());
            }
            return new Result(r, task.lastReport(), negatives);
        }
    }
}
