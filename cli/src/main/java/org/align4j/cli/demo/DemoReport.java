package org.align4j.cli.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.align4j.datasets.io.AtomicFiles;

/**
 * {@code OUT/report.html}: the side-by-side evaluation table and the training curves of every stage as
 * inline SVG charts drawn from the runs' {@code metrics.jsonl}; one self-contained file.
 */
final class DemoReport {
    private DemoReport() {}

    static Path write(DemoLayout dirs, String plan, String table, Map<String, Double> stageSeconds) {
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>align4j demo</title>")
                .append("<style>body{font-family:sans-serif;margin:24px;max-width:1000px}")
                .append("pre{background:#f6f6f6;padding:12px}figure{display:inline-block;margin:6px}</style></head><body>")
                .append("<h1>align4j demo (").append(Html.escape(plan)).append(")</h1>")
                .append("<h2>Held-out evaluation</h2><p>SFT, PPO, GRPO and DPO models on the bundled sample's held-out pairs")
                .append(" and SFT examples; the reference for implicit rewards, KL and win rates is the SFT model.</p>")
                .append("<pre>").append(Html.escape(table)).append("</pre>");
        b.append("<h2>Training curves</h2>");
        chart(b, "SFT loss", "step", List.of(MetricSeries.read(dirs.metrics("sft"), "loss", "train loss"),
                MetricSeries.read(dirs.metrics("sft"), "eval_loss", "validation loss")));
        chart(b, "Reward model: held-out pairwise accuracy", "step",
                List.of(MetricSeries.read(dirs.metrics("reward"), "eval_accuracy", "accuracy")));
        chart(b, "PPO: reward-model score", "iteration", List.of(MetricSeries.read(dirs.metrics("ppo"), "score",
                "rollout score"), MetricSeries.read(dirs.metrics("ppo"), "eval_reward", "held-out, sampled"),
                MetricSeries.read(dirs.metrics("ppo"), "eval_greedy_reward", "held-out, greedy")));
        chart(b, "PPO: KL to the SFT model (per answer)", "iteration", List.of(MetricSeries.read(dirs.metrics("ppo"),
                "kl", "rollout KL"), MetricSeries.read(dirs.metrics("ppo"), "eval_kl", "held-out KL")));
        chart(b, "GRPO: held-out reward (reward model + safety rules)", "iteration", List.of(
                MetricSeries.read(dirs.metrics("grpo"), "reward", "rollout, combined"),
                MetricSeries.read(dirs.metrics("grpo"), "eval_reward", "held-out, combined"),
                MetricSeries.read(dirs.metrics("grpo"), "eval_safety_pass_rate", "held-out safety pass rate")));
        chart(b, "GRPO: KL to the SFT model (per answer)", "iteration", List.of(MetricSeries.read(dirs.metrics("grpo"),
                "kl", "rollout KL"), MetricSeries.read(dirs.metrics("grpo"), "eval_kl", "held-out KL")));
        chart(b, "DPO: held-out preference accuracy", "step",
                List.of(MetricSeries.read(dirs.metrics("dpo"), "eval_preference_accuracy", "accuracy")));
        chart(b, "DPO: implicit-reward margin (chosen - rejected)", "step", List.of(MetricSeries.read(
                dirs.metrics("dpo"), "rewards/margins", "train"), MetricSeries.read(dirs.metrics("dpo"),
                "eval_rewards/margins", "held-out")));
        chart(b, "DPO: loss", "step", List.of(MetricSeries.read(dirs.metrics("dpo"), "loss", "train"),
                MetricSeries.read(dirs.metrics("dpo"), "eval_loss", "held-out")));
        b.append("<h2>Stages</h2><table>");
        stageSeconds.forEach((k, v) -> b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.1f s</td></tr>",
                Html.escape(k), v)));
        b.append("</table><p>Configurations: <code>configs/</code>; metrics and TensorBoard events: ")
                .append("<code>runs/*/</code>; evaluation JSON: <code>eval/</code>.</p></body></html>\n");
        Path file = dirs.report();
        AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private static void chart(StringBuilder b, String title, String x, List<MetricSeries> series) {
        b.append("<figure>").append(SvgChart.render(title, x, series)).append("</figure>");
    }
}
