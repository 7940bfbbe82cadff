package org.align4j.cli.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.align4j.eval.EvalReport;
import org.align4j.eval.EvalTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code align demo}: the whole loop on the bundled sample, from nothing: a tokenizer and a small Qwen2
 * trained from scratch, SFT, a BERT reward model, PPO, GRPO and DPO from the SFT model, a side-by-side
 * evaluation, a report page with the training curves, and a feedback database with the models' answers
 * and a doctor account. Every stage is the real {@code align} command with a config written to
 * {@code OUT/configs/}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole loop on the bundled sample: tokenizer, SFT, reward model, PPO, GRPO, DPO, evaluation,",
            "report (OUT/report.html), feedback database with a demo doctor. About 10 minutes on 2 CPU cores;",
            "--quick runs the same stages small, in under 3 minutes."})
public final class DemoCommand implements Callable<Integer> {
    /** The stage count shown as [k/N], derived from {@link #stageOrder}. */
    private static final int STAGES = stageOrder().size();

    @Option(names = "--out", defaultValue = "demo-out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--quick", description = "the same stages with small sizes: a smoke test in under 3 minutes")
    boolean quick;

    @Option(names = "--force", description = "delete the contents of a non-empty --out first")
    boolean force;

    @Option(names = "--seed", defaultValue = "42", description = "seed of every stage (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        PrintStream log = System.out;
        DemoPlan plan = quick ? DemoPlan.quick() : DemoPlan.full();
        DemoLayout dirs = new DemoLayout(DemoFolder.prepare(out, force));
        log.println("align4j demo (" + plan.name() + ") → " + dirs.root());
        DemoStages stages = new DemoStages(log, STAGES);
        stages.step("bundled sample data → data/", () -> DemoData.write(dirs, plan));
        stages.command("tokenizer: byte-level BPE on the SFT and pair texts", DemoStages.args("tokenizer", "train",
                "--input", dirs.data("sft-train.jsonl").toString(), dirs.data("pairs-train.jsonl").toString(),
                "--vocab-size", String.valueOf(plan.vocab()), "--kind", "bpe", "--out", dirs.tokenizer().toString()));
        stages.command("policy: a small Qwen2 initialised from scratch", DemoStages.args("model", "init", "--arch",
                "qwen2", "--preset", "small", "--tokenizer", dirs.tokenizer().toString(), "--seed", String.valueOf(seed),
                "--out", dirs.initModel().toString()));
        DemoConfigs configs = new DemoConfigs(dirs, plan, seed);
        stages.command("SFT", DemoStages.args("sft", "--config", configs.sft().toString()));
        stages.command("reward model (BERT, Bradley-Terry)", DemoStages.args("reward", "train", "--config",
                configs.reward().toString()));
        stages.command("PPO from the SFT model", DemoStages.args("ppo", "--config", configs.ppo().toString()));
        stages.command("GRPO from the SFT model (reward model + safety rules)", DemoStages.args("grpo", "--config",
                configs.grpo().toString()));
        stages.command("DPO from the SFT model", DemoStages.args("dpo", "--config", configs.dpo().toString()));
        Map<String, EvalReport> reports = stages.step("evaluation: SFT vs PPO vs GRPO vs DPO",
                () -> DemoEvaluation.run(dirs, plan, seed, log));
        String tables = EvalTable.full(reports);
        String password = DemoFeedback.fill(dirs, plan, stages, log);
        Path report = stages.step("report page", () -> DemoReport.write(dirs, plan.name(), tables, stages.seconds()));
        log.println();
        log.println("== held-out evaluation on the family-held-out pairs (paraphrase families never trained on;"
                + " reference: the SFT model),");
        log.println("   then the distribution shift: in-family (training families) and independent (hand-written)");
        log.print(tables);
        for (String v : DemoVerdict.lines(reports)) {
            log.println(v);
        }
        log.printf(Locale.ROOT, "%nreport: %s%nconfigs: %s%n", report, dirs.configs());
        log.println("feedback app with the models' answers (log in as " + DemoFeedback.DOCTOR + ", password " + password
                + "):");
        log.println("  ./align feedback serve --db " + dirs.jdbcUrl());
        log.println("stage times:");
        stages.summary().forEach(log::println);
        log.printf(Locale.ROOT, "demo done in %.1f s (%s)%n", (System.nanoTime() - t0) / 1e9,
                DemoStages.clock((System.nanoTime() - t0) / 1e9));
        return 0;
    }

    /** The stage names, in order (for tests and the README). */
    static List<String> stageOrder() {
        return List.of("data", "tokenizer", "init", "sft", "reward", "ppo", "grpo", "dpo", "eval", "doctor", "queue sft",
                "queue ppo", "queue dpo", "report");
    }
}
