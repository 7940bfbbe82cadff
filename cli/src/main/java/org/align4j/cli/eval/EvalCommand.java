package org.align4j.cli.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.align4j.core.preference.ImplicitReward;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.SftExample;
import org.align4j.datasets.io.Codecs;
import org.align4j.datasets.sample.SafetyRules;
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
 * {@code --out}, written as JSON; or several models side by side in one table ({@code --model NAME=DIR}
 * repeated, and reports written earlier with {@code --report NAME=FILE}), e.g. SFT vs PPO vs GRPO vs RLOO
 * on the same prompts. Without {@code --pairs} and {@code --sft} it evaluates on the bundled sample's
 * held-out files.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a policy: preference accuracy and implicit-reward margin, reward-model score and"
                + " win rate (bootstrap CI), KL to a reference, safety-rule pass rate, perplexity, ROUGE-L, BLEU,"
                + " distinct-2.",
                "Without --pairs and --sft it uses the bundled sample's held-out pairs and SFT examples.",
                "Several models side by side in one table: --model sft=DIR --model ppo=DIR --model grpo=DIR (and"
                        + " --report NAME=FILE for reports written earlier with --out)."})
public final class EvalCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "[NAME=]DIR", description = "the causal LM to evaluate (HF layout);"
            + " repeat with NAME=DIR to compare several, each a column of the table")
    List<String> models;

    @Option(names = "--report", paramLabel = "NAME=FILE", description = "a report written earlier by --out, shown as"
            + " column NAME beside the models evaluated now (repeatable)")
    Map<String, Path> reports;

    @Option(names = "--reference", paramLabel = "DIR",
            description = "the policy to compare with, usually the SFT model (implicit reward, KL, win rate)")
    Path reference;

    @Option(names = "--reward-model", paramLabel = "DIR", description = "a reward model from align reward train")
    Path rewardModel;

    @Option(names = "--pairs", paramLabel = "FILE", description = "held-out preference pairs (JSONL)")
    Path pairs;

    @Option(names = "--sft", paramLabel = "FILE", description = "held-out SFT examples (JSONL)")
    Path sft;

    @Option(names = "--max-prompts", defaultValue = "" + EvalSpec.DEFAULT_MAX_PROMPTS, description = "most prompts answered per measure (default: ${DEFAULT-VALUE})")
    int maxPrompts;

    @Option(names = "--max-new-tokens", defaultValue = "" + EvalSpec.DEFAULT_MAX_NEW_TOKENS, description = "longest generated answer (default: ${DEFAULT-VALUE})")
    int maxNewTokens;

    @Option(names = "--max-length", defaultValue = "" + EvalSpec.DEFAULT_MAX_LENGTH, description = "longest scored sequence in tokens (default: ${DEFAULT-VALUE})")
    int maxLength;

    @Option(names = "--batch-size", defaultValue = "" + EvalSpec.DEFAULT_BATCH_SIZE, description = "sequences per batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--resamples", defaultValue = "" + EvalSpec.DEFAULT_RESAMPLES, description = "bootstrap resamples for the win-rate interval (default: ${DEFAULT-VALUE})")
    int resamples;

    @Option(names = "--seed", defaultValue = "" + EvalSpec.DEFAULT_SEED, description = "seed of sampled answers and the bootstrap (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--beta", defaultValue = "" + ImplicitReward.DEFAULT_BETA,
            description = "β of the implicit reward β(log π − log π_ref); give the DPO run's dpo.beta to get the margin"
                    + " its metrics.jsonl shows (default: ${DEFAULT-VALUE})")
    double beta;

    @Option(names = "--shift", paramLabel = "NAME=FILE", description = "another pair set scored with the same"
            + " preference measures, for the distribution-shift view (repeatable), e.g. --shift independent=pairs.jsonl;"
            + " without --pairs and --sft: in-family (training-family pairs) and independent (hand-written), bundled")
    Map<String, Path> shift;

    @Option(names = "--safety-rules", paramLabel = "FILE", defaultValue = SafetyRules.SAMPLE, description = "the"
            + " red-flag rules of the safety pass rate and over-triage: a safety-rules.json file, or sample for the"
            + " bundled ones (default: ${DEFAULT-VALUE})")
    String safetyRules;

    @Option(names = "--out", paramLabel = "FILE", description = "write the report as JSON here (atomically);"
            + " with one --model only")
    Path out;

    @Override
    public Integer call() {
        Map<String, Path> named = named(models == null ? List.of() : models);
        if (named.isEmpty() && reports == null) {
            throw new IllegalArgumentException("--model is required: the model to evaluate (or --report NAME=FILE to"
                    + " show reports written earlier)");
        }
        if (out != null && named.size() != 1) {
            throw new IllegalArgumentException("--out writes one model's report: give exactly one --model (evaluate"
                    + " several with one --out each, then show them together with --report NAME=FILE)");
        }
        Map<String, EvalReport> col = new LinkedHashMap<>();
        if (reports != null) {
            reports.forEach((name, file) -> col.put(name, readReport(file)));
        }
        if (!named.isEmpty()) {
            Function<Path, EvalSpec> spec = spec();
            SafetyRules rules = SafetyRules.resolve(safetyRules, "--safety-rules");
            for (Map.Entry<String, Path> m : named.entrySet()) {
                EvalReport report = Evaluator.evaluate(spec.apply(m.getValue()), rules, System.out);
                col.put(m.getKey(), report);
                if (out != null) {
                    EvalReport.writeAtomically(out, report.toJson());
                }
            }
        }
        System.out.print(EvalTable.render(col));
        System.out.print(EvalTable.details(col));
        if (out != null) {
            System.out.println("wrote " + out);
        }
        return 0;
    }

    /** The column name → model directory of each {@code --model} value: NAME=DIR, or DIR named by its folder. */
    static Map<String, Path> named(List<String> values) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            boolean hasName = eq > 0 && v.substring(0, eq).matches("[A-Za-z0-9_.-]+");
            Path dir = Path.of(hasName ? v.substring(eq + 1) : v);
            String name = hasName ? v.substring(0, eq) : dir.getFileName() == null ? v : dir.getFileName().toString();
            if (out.put(name, dir) != null) {
                throw new IllegalArgumentException("--model: the name " + name + " is given twice; name each model"
                        + " (--model ppo=DIR --model grpo=DIR)");
            }
        }
        return out;
    }

    private static EvalReport readReport(Path file) {
        try {
            return EvalReport.fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("--report: cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--report: " + file + " is " + e.getMessage()
                    + "; give a file written by align eval --out", e);
        }
    }

    /** Everything of the evaluation but the model: the same data, seed and sizes for every model. */
    private Function<Path, EvalSpec> spec() {
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
        return m -> new EvalSpec(m, reference, rewardModel, p, s, maxPrompts, maxNewTokens, maxLength, batchSize,
                resamples, seed, beta, sets);
    }
}
