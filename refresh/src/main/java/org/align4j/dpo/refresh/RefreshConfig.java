package org.align4j.dpo.refresh;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.align4j.core.lora.LoraConfig;
import org.align4j.core.train.config.Checks;
import org.align4j.core.train.config.RunConfigLoader;
import org.align4j.core.train.config.TrainConfig;
import org.align4j.datasets.template.ChatTemplates;
import org.align4j.dpo.config.DpoLossConfig;
import org.align4j.dpo.config.KtoConfig;
import org.align4j.feedback.export.FeedbackWeighting;

/**
 * The configuration of {@code align dpo-refresh} ({@code refresh.yaml}); every field has a default.
 *
 * @param job the job's name in the database (its lock, its runs, its watermark)
 * @param modelsRoot where model versions live: {@code versions/<name>/}, the {@code production} link, {@code runs/}
 * @param minNewPairs with fewer new training pairs than this the run does nothing (exit 0)
 * @param replayRatio older pairs mixed in per new pair (a replay sample against forgetting); 0 turns it off
 * @param heldoutFraction the share of prompts (chosen by a hash of the prompt's key, so a prompt never changes
 *     sides) whose pairs and thumbs are kept out of training, the pairs to evaluate on ({@link HeldOut})
 * @param heldoutFiles further held-out pair files (JSONL), evaluated on every night; the database's pairs and
 *     thumbs on their prompts are held out too
 * @param safetyRules safety rules ({@code safety-rules.json} format), {@code sample} for the bundled
 *     sample's rules, or null for no safety check: the score is the share of red-flag held-out prompts
 *     whose generated answer the rules call safe
 * @param safetyMaxNewTokens the longest answer generated for the safety check
 * @param safetyMaxPrompts the most red-flag prompts the safety check generates for
 * @param staleLockHours a lock older than this is broken whoever holds it (a dead process on this
 *     host is detected at once)
 * @param template chat template; null: the policy's own
 * @param maxLength tokens per sequence
 * @param gate the promotion gate
 * @param dpo the loss and the reference (default: sigmoid with precomputed reference log-probs)
 * @param lora train LoRA adapters and merge them into the candidate, or null for full training
 * @param train the training loop's settings; {@code output_dir} is set per run under {@code runs/}
 * @param kto with {@code dpo.loss: kto}: {@code from_pairs: true} trains on the new and replayed pairs unpaired plus
 *     the doctors' thumbs and corrections ("pairs where they exist, KTO for the rest"); false on the thumbs and
 *     corrections alone; the class weights as in {@code align dpo}
 * @param feedback how the doctors' votes are weighted (reliability, unsafe flags, corrections)
 */
public record RefreshConfig(
        String job,
        String modelsRoot,
        int minNewPairs,
        double replayRatio,
        double heldoutFraction,
        List<String> heldoutFiles,
        String safetyRules,
        int safetyMaxNewTokens,
        int safetyMaxPrompts,
        double staleLockHours,
        String template,
        int maxLength,
        GateConfig gate,
        DpoLossConfig dpo,
        LoraConfig lora,
        TrainConfig train,
        KtoConfig kto,
        FeedbackWeighting feedback) {

    public RefreshConfig {
        Checks.notBlank("job", job);
        Checks.notBlank("models_root", modelsRoot);
        Checks.atLeast("min_new_pairs", minNewPairs, 1);
        Checks.inRange("replay_ratio", replayRatio, 0, 100);
        Checks.fraction("heldout_fraction", heldoutFraction);
        heldoutFiles = heldoutFiles == null ? List.of() : List.copyOf(heldoutFiles);
        if (heldoutFraction == 0 && heldoutFiles.isEmpty()) {
            throw new IllegalArgumentException("heldout_fraction: 0 with no heldout_files leaves nothing to judge a"
                    + " candidate on; set heldout_fraction (e.g. 0.1) or give heldout_files");
        }
        Checks.positive("stale_lock_hours", staleLockHours);
        Checks.positive("safety_max_new_tokens", safetyMaxNewTokens);
        Checks.positive("safety_max_prompts", safetyMaxPrompts);
        if (template != null) {
            Checks.oneOf("template", template, ChatTemplates.NAMES);
        }
        Checks.atLeast("max_length", maxLength, 8);
        gate = gate == null ? GateConfig.defaults() : gate;
        dpo = dpo == null ? defaultLoss() : dpo;
        train = train == null ? TrainConfig.defaults() : train;
        kto = kto == null ? KtoConfig.defaults() : kto;
        feedback = feedback == null ? FeedbackWeighting.defaults() : feedback;
        String batchProblem = dpo.batchSizeProblem(train.batchSize());
        if (batchProblem != null) {
            throw new IllegalArgumentException(batchProblem);
        }
        if (train.resume()) {
            throw new IllegalArgumentException("train.resume: a refresh run always starts clean from production"
                    + " (an interrupted run is discarded); remove train.resume");
        }
    }

    private static DpoLossConfig defaultLoss() {
        DpoLossConfig d = DpoLossConfig.defaults();
        return new DpoLossConfig(d.loss(), d.beta(), d.labelSmoothing(), d.simpoGamma(), d.orpoLambda(), d.sftWeight(),
                "precomputed");
    }

    /**
     * Defaults: job dpo-refresh under {@code models/}, at least 16 new pairs, half as many replayed,
     * 10% held out, no safety check (96 new tokens for up to 64 prompts when one is set), locks stale after 24 h, sigmoid DPO with precomputed reference log-probs (no
     * reference model in memory overnight), one epoch.
     */
    public static RefreshConfig defaults() {
        TrainConfig oneEpoch = TrainConfig.defaults().withEpochs(1).withSaveEvery(0).withOverwriteOutputDir(true);
        return new RefreshConfig("dpo-refresh", "models", 16, 0.5, 0.1, List.of(), null, 96, 64, 24, null, 512,
                GateConfig.defaults(), defaultLoss(), null, oneEpoch, KtoConfig.defaults(), FeedbackWeighting.defaults());
    }

    /** Loads {@code file} (null: defaults) with {@code --set} overrides. */
    public static RefreshConfig load(Path file, List<String> overrides) {
        return RunConfigLoader.load(file, overrides, RefreshConfig.class, defaults(),
                Map.of("lora", LoraConfig.defaults()));
    }

    /** The training settings of one run, writing into {@code outputDir}. */
    public TrainConfig trainIn(Path outputDir) {
        return train.withOutputDir(outputDir.toString()).withResume(false).withOverwriteOutputDir(true);
    }
}
