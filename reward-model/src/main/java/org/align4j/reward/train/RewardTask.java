package org.align4j.reward.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.model.bert.BertForSequenceClassification;
import org.align4j.core.nn.Scalars;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.core.tokenizer.TokenizerFiles;
import org.align4j.core.train.LossOutput;
import org.align4j.core.train.MicroBatch;
import org.align4j.core.train.RunDirectory;
import org.align4j.core.train.TrainingTask;
import org.align4j.core.train.WholeModelTask;
import org.align4j.reward.PairEncoder;
import org.align4j.reward.PairEncoder.Sequence;
import org.align4j.reward.RewardLosses;
import org.align4j.reward.RewardScorer;
import org.align4j.reward.RewardStats;
import org.align4j.reward.config.RewardTrainingConfig;
import org.align4j.reward.config.RewardLossConfig;
import org.align4j.reward.data.PairExamples;
import org.align4j.reward.data.RatingExamples;
import org.align4j.reward.eval.RewardEvaluation;
import org.align4j.reward.eval.RewardReport;

/**
 * The reward model's {@link TrainingTask}: a BERT regressor trained pairwise on preference pairs with the
 * Bradley–Terry loss (both answers of a micro-batch's pairs scored in one forward pass) or pointwise on
 * ratings with MSE. Evaluation scores the held-out set through {@link RewardScorer}, the code PPO scores
 * with. The final model is an HF {@code BertForSequenceClassification} directory (num_labels 1) with its
 * tokenizer ({@code model_max_length} = the run's max_length), {@code reward_stats.json} over the training
 * answers, the resolved {@code run_config.yaml} and {@code eval_results.json}.
 */
public final class RewardTask extends WholeModelTask {
    public static final String EVAL_RESULTS = "eval_results.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BertForSequenceClassification rm;
    private final TextTokenizer tokenizer;
    private final Path tokenizerDir;
    private final RewardTrainingConfig cfg;
    private final String configYaml;
    private final PairEncoder encoder;
    private final EncodedExamples train;
    private final EncodedExamples eval;
    private final EncodedExamples statsBasis;
    private final boolean pairwise;
    private RewardReport lastReport;

    /**
     * Tokenises both sets (an answer that does not fit is an error here, before training).
     *
     * @param eval the held-out examples (may be empty: no evaluation)
     * @param configYaml the resolved configuration, saved with the final model
     */
    public RewardTask(RewardModels.Loaded loaded, RewardTrainingConfig cfg, EncodedExamples train, EncodedExamples eval,
            String configYaml) {
        this(loaded, cfg, train, eval, train, configYaml);
    }

    /**
     * As above, with the examples whose answers the saved {@link RewardStats} describe: the human pairs, without the
     * synthetic negatives trained on beside them (those would drag the mean PPO whitens by).
     */
    public RewardTask(RewardModels.Loaded loaded, RewardTrainingConfig cfg, EncodedExamples train, EncodedExamples eval,
            EncodedExamples statsBasis, String configYaml) {
        super(loaded.model());
        this.rm = model.sequenceClassifier();
        this.tokenizer = loaded.tokenizer();
        this.tokenizerDir = loaded.tokenizerDir();
        this.cfg = cfg;
        this.configYaml = configYaml;
        this.encoder = encoder(loaded.tokenizer(), cfg);
        this.train = train;
        this.eval = eval;
        this.statsBasis = statsBasis;
        this.pairwise = train.examples() instanceof PairExamples;
        if (train.size() == 0) {
            throw new IllegalArgumentException("no training examples: every row was held out; lower data.eval_fraction");
        }
    }

    /** The encoder of a run: the tokenizer with {@code data.max_length} and {@code data.truncate_answers}. */
    public static PairEncoder encoder(TextTokenizer tokenizer, RewardTrainingConfig cfg) {
        return new PairEncoder(tokenizer, cfg.data().maxLength(), cfg.data().truncateAnswers());
    }

    @Override
    public int trainSize() {
        return train.size();
    }

    @Override
    public MicroBatch collate(int[] indices) {
        int n = indices.length;
        Sequence[] seq = train.sequences();
        List<Sequence> rows = new ArrayList<>(pairwise ? 2 * n : n);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            rows.add(seq[indices[i]]);
            values[i] = pairwise ? ((PairExamples) train.examples()).margins()[indices[i]]
                    : ((RatingExamples) train.examples()).targets()[indices[i]];
        }
        if (pairwise) {
            for (int i = 0; i < n; i++) {
                rows.add(seq[train.size() + indices[i]]); // the rejected answers follow the chosen ones
            }
        }
        return new RewardBatch(encoder.pad(rows), values, n);
    }

    @Override
    public LossOutput loss(NDManager step, MicroBatch batch) {
        RewardBatch b = (RewardBatch) batch;
        PairEncoder.Batch in = b.inputs();
        Shape s = new Shape(in.rows(), in.length());
        NDArray scores = rm.forward(step.create(in.ids(), s), step.create(in.typeIds(), s), step.create(in.mask(), s),
                training()).reshape(in.rows()); // (rows)
        int n = b.units();
        float[] v = scores.toFloatArray();
        Map<String, Double> metrics = new LinkedHashMap<>();
        NDArray lossSum;
        RewardLossConfig rc = cfg.reward();
        if (pairwise) {
            NDArray chosen = scores.get("0:" + n); // (B)
            NDArray rejected = scores.get(n + ":"); // (B)
            NDArray margins = rc.marginScale() > 0 ? Scalars.muli(step.create(b.values()), (float) rc.marginScale()) : null;
            lossSum = Scalars.mul(RewardLosses.bradleyTerry(chosen, rejected, margins, rc.centerRewardsCoefficient(),
                    rc.labelSmoothing()), n);
            double right = 0;
            double margin = 0;
            for (int i = 0; i < n; i++) {
                right += v[i] > v[n + i] ? 1 : 0;
                margin += v[i] - v[n + i];
            }
            metrics.put("accuracy", right);
            metrics.put("margin", margin);
        } else {
            lossSum = Scalars.mul(RewardLosses.mse(scores, step.create(b.values())), n);
            double abs = 0;
            for (int i = 0; i < n; i++) {
                abs += Math.abs(v[i] - b.values()[i]);
            }
            metrics.put("abs_error", abs);
        }
        return new LossOutput(lossSum, metrics);
    }

    /** Every weight of the forward pass: the whole BERT regressor (held in fp16 when training in fp16). */
    @Override
    public java.util.Collection<ai.djl.nn.Parameter> computeWeights() {
        return model.module().namedParameters().values();
    }

    @Override
    public boolean hasEvaluation() {
        return eval.size() > 0;
    }

    @Override
    public Map<String, Double> evaluate() {
        lastReport = RewardEvaluation.of(eval.examples(), scorer().score(eval.sequences()), cfg.reward());
        return lastReport.metrics("eval_");
    }

    /** The held-out examples, encoded (empty without evaluation). */
    public EncodedExamples heldOut() {
        return eval;
    }

    /** The latest evaluation, or null before the first. */
    public RewardReport lastReport() {
        return lastReport;
    }

    /** A scorer over the model being trained (no gradients, evaluation mode), left open by its close. */
    public RewardScorer scorer() {
        return RewardScorer.over(model, tokenizer, cfg.data().maxLength(), cfg.data().truncateAnswers(),
                cfg.reward().evalBatchSize());
    }

    @Override
    public void saveWeights(Path dir) throws IOException {
        super.saveWeights(dir);
        HfCheckpoint.copySideFiles(tokenizerDir, dir);
        setModelMaxLength(dir, cfg.data().maxLength());
    }

    @Override
    public void saveFinal(Path dir) throws IOException {
        saveWeights(dir);
        rewardStats().write(dir);
        Files.writeString(dir.resolve(RunDirectory.CONFIG_FILE), configYaml);
        if (lastReport != null) {
            JSON.writeValue(dir.resolve(EVAL_RESULTS).toFile(), lastReport.toJson());
        }
    }

    /** Score statistics over every human training answer (both answers of each pair), for PPO's whitening. */
    public RewardStats rewardStats() {
        return RewardStats.of(scorer().score(statsBasis.sequences()));
    }

    /**
     * Sets {@code model_max_length} in the directory's tokenizer_config.json to the run's max_length, so that
     * {@link RewardScorer#load(Path, int)} and transformers' tokenizer use the length the model was trained with.
     */
    static void setModelMaxLength(Path dir, int maxLength) throws IOException {
        Path file = dir.resolve(TokenizerFiles.TOKENIZER_CONFIG);
        ObjectNode config = Files.isRegularFile(file) ? (ObjectNode) JSON.readTree(file.toFile())
                : JSON.createObjectNode();
        config.put("model_max_length", maxLength);
        JSON.writeValue(file.toFile(), config);
    }
}
