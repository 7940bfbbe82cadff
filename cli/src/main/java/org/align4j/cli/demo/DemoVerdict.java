package org.align4j.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.align4j.eval.EvalReport;

/**
 * Says, measure by measure, whether each trained model (PPO, GRPO, DPO) beats the SFT model; it reports what was measured and
 * never changes the outcome. Held-out preference accuracy is given both ways the evaluation measures it:
 * by the implicit reward against the SFT model (where the SFT model scores 0.5 by construction) and by the
 * reference-free likelihood (the chosen answer's higher mean token log-prob), where the SFT model has a
 * measured score of its own.
 */
final class DemoVerdict {
    /** A measure and whether a higher value is the better one. */
    private record Measure(String name, Function<EvalReport, Double> value, boolean higherIsBetter) {}

    private static final List<Measure> MEASURES = List.of(
            new Measure("preference accuracy", r -> r.preference().accuracy(), true),
            new Measure("likelihood accuracy", r -> r.preference().likelihoodAccuracy(), true),
            new Measure("mean reward", r -> r.generation().meanReward(), true),
            new Measure("safety pass rate", r -> r.safety().passRate(), true),
            new Measure("over-triage", r -> r.safety().overTriage(), false));

    private DemoVerdict() {}

    static List<String> lines(Map<String, EvalReport> reports) {
        List<String> out = new ArrayList<>();
        EvalReport sft = reports.get("sft");
        for (Map.Entry<String, EvalReport> e : reports.entrySet()) {
            String model = e.getKey();
            if (model.equals("sft")) {
                continue;
            }
            EvalReport r = e.getValue();
            StringBuilder sb = new StringBuilder(model.toUpperCase(Locale.ROOT) + " vs SFT:");
            for (Measure m : MEASURES) {
                Double a = m.value().apply(r);
                Double b = m.value().apply(sft);
                if (a == null || b == null) {
                    continue;
                }
                String verdict = a.equals(b) ? "same" : a > b == m.higherIsBetter() ? "better" : "worse";
                sb.append(String.format(Locale.ROOT, "  %s %.3f vs %.3f (%s);", m.name(), a, b, verdict));
            }
            out.add(sb.toString());
        }
        return out;
    }
}
