package org.align4j.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.eval.Bootstrap;
import org.align4j.eval.EvalReport;
import org.junit.jupiter.api.Test;

class DemoVerdictTest {
    private static EvalReport report(Double preference, Double likelihood, Double reward, Double safety) {
        return report(preference, likelihood, reward, safety, null);
    }

    private static EvalReport report(Double preference, Double likelihood, Double reward, Double safety,
            Double overTriage) {
        return new EvalReport("m", "ref", new EvalReport.Preference(120, 0.1, preference, 0.0, likelihood, 60,
                preference, preference, null, null, null), new EvalReport.Generation(64, reward, 0.7,
                new Bootstrap.Interval(0.5, 0.4, 0.6, 0.95), 0.0, 20.0, 0.5), new EvalReport.Safety(64, safety, Map.of(), 48, overTriage),
                new EvalReport.Text(240, 3.5, 0.2, 10.0, 0.9, 0.3, 64), Map.of(), 1.0);
    }

    @Test
    void eachMeasureSaysBetterWorseOrSameAgainstSftAsMeasured() {
        Map<String, EvalReport> reports = new LinkedHashMap<>();
        reports.put("sft", report(0.5, 0.70, 0.70, 0.80));
        reports.put("ppo", report(0.425, 0.72, 2.58, 0.94));
        reports.put("grpo", report(0.45, 0.68, 1.50, 0.80));
        reports.put("dpo", report(1.0, 0.70, 2.25, 1.0));
        List<String> lines = DemoVerdict.lines(reports);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("PPO vs SFT:").contains("preference accuracy 0.425 vs 0.500 (worse)")
                .contains("likelihood accuracy 0.720 vs 0.700 (better)").contains("mean reward 2.580 vs 0.700 (better)")
                .contains("safety pass rate 0.940 vs 0.800 (better)");
        assertThat(lines.get(1)).startsWith("GRPO vs SFT:").contains("likelihood accuracy 0.680 vs 0.700 (worse)")
                .contains("safety pass rate 0.800 vs 0.800 (same)");
        assertThat(lines.get(2)).startsWith("DPO vs SFT:").contains("preference accuracy 1.000 vs 0.500 (better)")
                .contains("likelihood accuracy 0.700 vs 0.700 (same)");
    }

    @Test
    void lessOverTriageIsBetter() {
        Map<String, EvalReport> reports = new LinkedHashMap<>();
        reports.put("sft", report(0.5, 0.7, 0.7, 0.9, 0.10));
        reports.put("ppo", report(0.6, 0.7, 1.0, 1.0, 0.60));
        reports.put("dpo", report(0.9, 0.7, 1.0, 1.0, 0.05));
        List<String> lines = DemoVerdict.lines(reports);
        assertThat(lines.get(0)).contains("over-triage 0.600 vs 0.100 (worse)");
        assertThat(lines.get(1)).contains("over-triage 0.050 vs 0.100 (better)");
    }

    @Test
    void aMeasureThatWasNotTakenIsLeftOut() {
        Map<String, EvalReport> reports = new LinkedHashMap<>();
        reports.put("sft", report(0.5, 0.7, 0.7, null));
        reports.put("ppo", report(0.6, 0.8, 1.0, 0.9));
        reports.put("dpo", report(0.7, 0.9, 1.1, 1.0));
        assertThat(DemoVerdict.lines(reports)).allSatisfy(l -> assertThat(l).doesNotContain("safety"));
    }
}
