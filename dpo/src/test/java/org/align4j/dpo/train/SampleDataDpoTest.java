package org.align4j.dpo.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.align4j.core.model.Gpt2Config;
import org.align4j.core.testing.PairCorpus;
import org.align4j.core.testing.TinyCheckpoints;
import org.align4j.core.tokenizer.TokenizerKind;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.sample.SampleData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance run on the bundled sample: DPO lifts held-out preference accuracy (pairs
 * with a positive implicit reward margin, ties half) from 0.5 to at least 0.9. The policy is a randomly
 * initialised GPT-2 (d 64, 2 layers) with a BPE tokenizer trained on the sample. By default the first
 * 160 training pairs (10 steps) keep the test fast; {@code -Ddpo.sample.pairs=1100} runs the whole
 * training file for one epoch (69 steps), the run reported in the closing note.
 */
class SampleDataDpoTest {
    @TempDir Path tmp;

    static Path policy(Path dir, List<PreferencePair> pairs) {
        Path tok = TinyCheckpoints.tokenizer(dir.resolveSibling("tok"), TokenizerKind.BPE, 2000, PairCorpus.of(pairs));
        return TinyCheckpoints.model(dir, tok, vocab -> Gpt2Config.of(vocab, 256, 64, 2, 4), null, 1);
    }

    @Test
    void dpoLiftsHeldOutPreferenceAccuracyOnTheBundledSampleFromAHalfToAtLeastPointNine() {
        List<PreferencePair> all = SampleData.pairsTrain();
        List<PreferencePair> train = all.subList(0, Math.min(all.size(), Integer.getInteger("dpo.sample.pairs", 160)));
        List<PreferencePair> heldOut = SampleData.pairsHeldOut();
        Path policy = policy(tmp.resolve("policy"), all);
        Path out = tmp.resolve("run");
        List<String> o = new ArrayList<>(List.of("policy=" + policy, "data.train_files=[sample]",
                "data.max_length=256", "train.output_dir=" + out, "train.epochs=1", "train.lr=2e-3",
                "train.schedule=cosine", "train.warmup_ratio=0.05", "train.batch_size=16", "train.log_every=5",
                "train.eval_every=10", "train.save_every=0", "dpo.reference=precomputed", "dpo.beta=0.1"));
        Runs.Output r = Runs.run(Runs.config(o), train, heldOut);
        List<JsonNode> m = Runs.metrics(out);
        List<Double> acc = Runs.series(m, "eval_preference_accuracy");
        System.out.println("steps " + r.result().steps() + " in " + r.result().seconds() + " s");
        for (JsonNode row : m) {
            if (row.has("eval_preference_accuracy")) {
                System.out.printf("step %d eval_preference_accuracy %.4f eval_rewards/margins %.4f eval_loss %.4f"
                        + " eval_logps/chosen %.2f eval_logps/rejected %.2f%n", row.get("step").asInt(),
                        row.get("eval_preference_accuracy").asDouble(), row.get("eval_rewards/margins").asDouble(),
                        row.get("eval_loss").asDouble(), row.get("eval_logps/chosen").asDouble(),
                        row.get("eval_logps/rejected").asDouble());
            }
        }
        assertThat(acc.get(0)).isCloseTo(0.5, within(1e-9));
        assertThat(acc.get(acc.size() - 1)).isGreaterThanOrEqualTo(0.9);
    }
}
