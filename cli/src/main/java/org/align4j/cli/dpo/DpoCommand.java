package org.align4j.cli.dpo;

import org.align4j.core.train.config.BundledText;
import java.util.concurrent.Callable;
import org.align4j.cli.train.RunOptions;
import org.align4j.cli.train.StageConfig;
import org.align4j.core.train.TrainingResult;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.split.Split;
import org.align4j.dpo.config.DpoConfig;
import org.align4j.dpo.data.PairSources;
import org.align4j.dpo.data.UnpairedSources;
import org.align4j.dpo.train.DpoTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code align dpo}: DPO (or IPO, hinge, SimPO, ORPO) on preference pairs, full or LoRA. */
@Command(name = "dpo", mixinStandardHelpOptions = true,
        description = {"Direct Preference Optimization of a causal LM on {\"prompt\",\"chosen\",\"rejected\"} pairs",
            "(files or a feedback database); losses sigmoid, ipo, hinge, simpo, orpo; kto on unpaired 👍/👎 examples",
            "(kto.unpaired_files, kto.ratings_files, or pairs unpaired); full or LoRA; reference as a",
            "frozen model, adapters off, or log-probs precomputed once. Logs rewards and log-probs of both answers on",
            "training and held-out pairs; checkpoints with exact --resume. Ctrl-C saves a checkpoint and exits.",
            "Start from the documented example: align dpo --example > dpo.yaml"})
public final class DpoCommand implements Callable<Integer> {
    private static final StageConfig<DpoConfig> CONFIG = new StageConfig<>("dpo", "dpo.yaml",
            () -> BundledText.read(DpoConfig.class, "/dpo.example.yaml"), DpoConfig::load, DpoConfig::toYaml);

    @Mixin RunOptions run;

    @Override
    public Integer call() {
        return run.train(CONFIG, DpoCommand::train);
    }

    private static int train(DpoConfig cfg) {
        TrainingResult r;
        if (cfg.dpo().lossType().unpaired()) {
            UnpairedSources.Result data = UnpairedSources.load(cfg.data(), cfg.kto(), cfg.feedback(),
                    cfg.train().seed(), System.out);
            r = RunOptions.withStopSignal(
                    signal -> DpoTrainer.runKto(cfg, data.train(), data.heldOut(), signal, System.out));
        } else {
            Split<PreferencePair> data = PairSources.load(cfg.data(), cfg.feedback(), cfg.train().seed(), System.out);
            r = RunOptions.withStopSignal(
                    signal -> DpoTrainer.run(cfg, data.train(), data.validation(), signal, System.out));
        }
        if (r.finalDir() != null) {
            System.out.printf("done: %d steps in %.1f s; model in %s%s%n", r.steps(), r.seconds(), r.finalDir(),
                    r.lastEvalLoss() == null ? "" : String.format("; eval_loss %.4f (first %.4f)", r.lastEvalLoss(),
                            r.firstEvalLoss()));
        }
        if (r.klBudgetWarning() != null) {
            System.out.println(r.klBudgetWarning());
        }
        return RunOptions.exitCode(r.interrupted());
    }
}
