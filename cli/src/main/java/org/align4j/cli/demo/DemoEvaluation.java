package org.align4j.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.SftExample;
import org.align4j.eval.EvalReport;
import org.align4j.eval.EvalSpec;
import org.align4j.eval.EvalTable;
import org.align4j.eval.Evaluator;

/**
 * Evaluates the SFT, PPO, GRPO and DPO models side by side against the SFT model, with the trained reward model. The
 * headline pairs are the family-held-out ones (paraphrase families no training file uses); the
 * distribution-shift view adds as many pairs from the training families ("in-family") and the hand-written
 * independent pairs ("independent").
 */
final class DemoEvaluation {
    private DemoEvaluation() {}

    /** Model name → report; also writes {@code eval/NAME.json} and {@code eval/table.txt}. */
    static Map<String, EvalReport> run(DemoLayout dirs, DemoPlan plan, long seed, PrintStream out) {
        Map<String, EvalReport> reports = new LinkedHashMap<>();
        List<PreferencePair> pairs = DemoData.heldOutPairs(dirs);
        List<SftExample> sft = DemoData.heldOutSft(dirs);
        Map<String, List<PreferencePair>> shift = DemoData.shiftPairs(dirs, pairs.size());
        for (String stage : List.of("sft", "ppo", "grpo", "dpo")) {
            EvalSpec spec = new EvalSpec(dirs.finalModel(stage), dirs.finalModel("sft"), dirs.finalModel("reward"),
                    pairs, sft, plan.evalPrompts(), 48, 256, 16, 1000, seed, DemoConfigs.DPO_BETA, shift);
            out.println("evaluating " + stage + " (" + dirs.finalModel(stage) + ")");
            EvalReport r = Evaluator.evaluate(spec, out);
            reports.put(stage, r);
            EvalReport.writeAtomically(dirs.eval().resolve(stage + ".json"), r.toJson());
        }
        String table = EvalTable.full(reports);
        try {
            Files.writeString(dirs.eval().resolve("table.txt"), table);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dirs.eval().resolve("table.txt"), e);
        }
        return reports;
    }
}
