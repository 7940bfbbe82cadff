package org.align4j.cli.eval;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.sample.SampleData;
import org.align4j.datasets.validate.DatasetLoader;
import org.align4j.datasets.validate.LoadOptions;
import org.align4j.eval.EvalReport;
import org.align4j.eval.EvalSpec;
import org.align4j.eval.EvalTable;
import org.align4j.eval.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code align eval}: the measures of {@link Evaluator} for one model, printed as a table and, with
 * {@code --out}, written as JSON. Without {@code --pairs} and {@code --sft} it evaluates on the bundled
 * sample's held-out files.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a policy: preference accuracy and implicit-reward margin, reward-model score and"
                + " win rate (bootstrap CI), KL to a reference, safety-rule pass rate, perplexity, ROUGE-L, BLEU.",
                "Without --pairs and --sft it uses the bundled sample's held-out pairs and SFT examples."})
public final class EvalCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "the causal LM to evaluate (HF layout)")
    Path model;

    @Option(names = "--reference", paramLabel = "DIR",
            description = "the policy to compare with, usually the SFT model (implicit reward, KL, win rate)")
    Path reference;

    @Option(names = "--reward-model", paramLabel = "DIR", description = "a reward model from align reward train")
    Path rewardModel;

    @Option(names = "--pairs", paramLabel = "FILE", description = "held-out preference pairs (JSONL)")
    Path pairs;

    @Option(names = "--sft", paramLabel = "FILE", description = "held-out SFT examples (JSONL)")
    Path sft;

    @Option(names = "--max-prompts", defaultValue = "64", description = "most prompts answered per measure (default: ${DEFAULT-VALUE})")
    int maxPrompts;

    @Option(names = "--max-new-tokens", defaultValue = "64", description = "longest generated answer (default: ${DEFAULT-VALUE})")
    int maxNewTokens;

    @Option(names = "--max-length", defaultValue = "512", description = "longest scored sequence in tokens (default: ${DEFAULT-VALUE})")
    int maxLength;

    @Option(names = "--batch-size", defaultValue = "8", description = "sequences per batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--resamples", defaultValue = "1000", description = "bootstrap resamples for the win-rate interval (default: ${DEFAULT-VALUE})")
    int resamples;

    @Option(names = "--seed", defaultValue = "0", description = "seed of sampled answers and the bootstrap (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--beta", defaultValue = "0.1",
            description = "β of the implicit reward β(log π − log π_ref); give the DPO run's dpo.beta to get the margin"
                    + " its metrics.jsonl shows (default: ${DEFAULT-VALUE})")
    double beta;

    @Option(names = "--shift", paramLabel = "NAME=FILE", description = "another pair set scored with the same"
            + " preference measures, for the distribution-shift view (repeatable), e.g. --shift independent=pairs.jsonl;"
            + " without --pairs and --sft: in-family (training-family pairs) and independent (hand-written), bundled")
    Map<String, Path> shift;

    @Option(names = "--out", paramLabel = "FILE", description = "write the report as JSON here (atomically)")
    Path out;

    @Override
    public Integer call() {
        List<PreferencePair> p;
        List<SftExample> s;
        Map<String, List<PreferencePair>> sets = new LinkedHashMap<>();
        if (shift != null) {
            shift.forEach((name, file) -> sets.put(name,
                    DatasetLoader.load(file, Codecs.PAIRS, LoadOptions.strict()).rows()));
        }
        if (pairs == null && sft == null) {
            System.out.println("eval: no --pairs or --sft given; using the bundled sample's held-out pairs and SFT"
                    + " examples");
            p = SampleData.pairsHeldOut();
            s = SampleData.sftHeldOut();
            if (shift == null) {
                sets.put("in-family", SampleData.pairsTrain().subList(0, p.size()));
                sets.put("independent", SampleData.pairsIndependent());
            }
        } else {
            p = pairs == null ? List.of() : DatasetLoader.load(pairs, Codecs.PAIRS, LoadOptions.strict()).rows();
            s = sft == null ? List.of() : DatasetLoader.load(sft, Codecs.SFT, LoadOptions.strict()).rows();
        }
        EvalSpec spec = new EvalSpec(model, reference, rewardModel, p, s, maxPrompts, maxNewTokens, maxLength,
                batchSize, resamples, seed, beta, sets);
        EvalReport report = Evaluator.evaluate(spec, System.out);
        Map<String, EvalReport> col = new LinkedHashMap<>();
        col.put(model.getFileName() == null ? model.toString() : model.getFileName().toString(), report);
        System.out.print(EvalTable.render(col));
        System.out.println("safety by red-flag category (safe answers / prompts the rule recognised):");
        System.out.print(EvalTable.safetyByCategory(col));
        if (out != null) {
            EvalReport.writeAtomically(out, report.toJson());
            System.out.println("wrote " + out);
        }
        return 0;
    }
}
