package org.align4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.train.RunDirectory;
import org.align4j.core.train.StopSignal;
import org.align4j.core.train.TrainingResult;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.Unpairing;
import org.align4j.datasets.sample.SampleData;
import org.align4j.dpo.config.DpoConfig;
import org.align4j.dpo.train.DpoTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code align eval} and DPO's held-out metrics measure the implicit reward by one definition, at one β. */
class EvalMatchesTrainingMetricsTest {
    @TempDir Path tmp;

    @Test
    void theMarginAndAccuracyEvalReportsEqualTheLastHeldOutLineOfMetricsJsonl() throws Exception {
        double beta = 0.25;
        Trained t = train(beta, false);
        EvalReport.Preference p = Evaluator.evaluate(t.spec(), QUIET).preference();
        double trained = t.last().get("eval_rewards/margins").asDouble();
        assertThat(trained).isNotZero();
        assertThat(p.beta()).isEqualTo(beta);
        assertThat(p.margin()).isCloseTo(trained, within(1e-4 * Math.max(1, Math.abs(trained))));
        assertThat(p.accuracy()).isCloseTo(t.last().get("eval_preference_accuracy").asDouble(), within(1e-9));
        // at β = 1 the margin is 1/β times larger: the scale is the β asked for, never a hidden 1
        EvalReport.Preference unscaled = Evaluator.evaluate(t.spec().withBeta(1.0), QUIET).preference();
        assertThat(unscaled.margin()).isCloseTo(trained / beta, within(1e-3 * Math.max(1, Math.abs(trained / beta))));
    }

    @Test
    void aLengthNormalisedRunsMarginIsThePerTokenMarginEvalReports() throws Exception {
        double beta = 2.0;
        Trained t = train(beta, true);
        EvalReport.Preference p = Evaluator.evaluate(t.spec(), QUIET).preference();
        double trained = assertPerTokenMeasuresMatch(t, p);
        // the summed reward is another scale: answers of ~tens of tokens make its margin many times larger
        assertThat(Math.abs(p.margin())).isGreaterThan(2 * Math.abs(trained));
    }

    @Test
    void aLengthNormalisedKtoRunIsMeasuredOnHeldOutPairsWithTheSamePerTokenReward() throws Exception {
        double beta = 2.0;
        Trained t = train(beta, true, "kto");
        // before: the KTO run's held-out measure dropped length_normalize and logged the summed margin
        assertPerTokenMeasuresMatch(t, Evaluator.evaluate(t.spec(), QUIET).preference());
    }

    /** The run's last held-out margin and accuracy equal eval's per-token ones; returns that (non-zero) margin. */
    private static double assertPerTokenMeasuresMatch(Trained t, EvalReport.Preference p) {
        double trained = t.last().get("eval_rewards/margins").asDouble();
        assertThat(trained).isNotZero();
        assertThat(p.perToken().margin()).isCloseTo(trained, within(1e-4 * Math.max(1, Math.abs(trained))));
        assertThat(p.perToken().accuracy()).isCloseTo(t.last().get("eval_preference_accuracy").asDouble(),
                within(1e-9));
        return trained;
    }

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    /** A 3-step DPO run's last held-out metrics line and the eval spec of its final model against its reference. */
    private record Trained(JsonNode last, EvalSpec spec) {}

    private Trained train(double beta, boolean lengthNormalize) throws Exception {
        return train(beta, lengthNormalize, "sigmoid");
    }

    private Trained train(double beta, boolean lengthNormalize, String loss) throws Exception {
        List<PreferencePair> train = SampleData.pairsTrain().subList(0, 24);
        List<PreferencePair> heldOut = SampleData.pairsHeldOut().subList(0, 12);
        Path tok = TinyModels.tokenizer(tmp.resolve("tok"), SampleData.pairsTrain().subList(0, 200));
        Path policy = TinyModels.policy(tmp.resolve("policy"), tok, 4);
        Path out = tmp.resolve("dpo");
        DpoConfig cfg = DpoConfig.load(null, List.of("policy=" + policy, "data.train_files=[unused]",
                "data.max_length=256", "dpo.loss=" + loss, "dpo.beta=" + beta, "dpo.length_normalize=" + lengthNormalize,
                "train.output_dir=" + out, "train.max_steps=3", "train.lr=3e-3", "train.batch_size=8",
                "train.schedule=constant", "train.save_every=0", "train.eval_every=0"));
        TrainingResult r = loss.equals("kto")
                ? DpoTrainer.runKto(cfg, Unpairing.fromPairs(train), heldOut, new StopSignal(), QUIET)
                : DpoTrainer.run(cfg, train, heldOut, new StopSignal(), QUIET);

        JsonNode last = null;
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(out.resolve(RunDirectory.METRICS_FILE))) {
            JsonNode n = json.readTree(line);
            if (n.has("eval_rewards/margins")) {
                last = n;
            }
        }
        assertThat(last).isNotNull();
        assertThat(last.get("step").asInt()).isEqualTo(3);
        return new Trained(last, new EvalSpec(r.finalDir(), policy, null, heldOut, List.of(), 2, 4, 256, 4, 10, 0,
                beta));
    }
}
