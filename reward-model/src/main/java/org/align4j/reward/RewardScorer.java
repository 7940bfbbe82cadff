package org.align4j.reward;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.model.bert.BertForSequenceClassification;
import org.align4j.core.nn.NoGrad;
import org.align4j.core.tokenizer.TextTokenizer;

/**
 * Scores (prompt, answer) texts with a saved reward model and its own tokenizer, in batches and
 * without gradients. Policy text is decoded by the caller and re-encoded here, so policy and reward
 * model may use different vocabularies. Thread-confined: use one scorer per thread.
 */
public final class RewardScorer implements AutoCloseable {
    private final PretrainedModel model;
    private final TextTokenizer tokenizer;
    private final PairEncoder encoder;
    private final RewardStats stats;
    private final int batchSize;

    private RewardScorer(PretrainedModel model, TextTokenizer tokenizer, int maxLength, boolean truncateAnswers,
            RewardStats stats, int batchSize) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.encoder = new PairEncoder(tokenizer, maxLength, truncateAnswers);
        this.stats = stats;
        this.batchSize = batchSize;
    }

    /**
     * @param maxLength the longest input in tokens (at most the model's position limit)
     * @param truncateAnswers cut answers that do not fit instead of failing
     */
    public static RewardScorer load(Path dir, int maxLength, boolean truncateAnswers, int batchSize) {
        PretrainedModel model = HfCheckpoint.load(dir);
        try {
            BertForSequenceClassification rm = model.sequenceClassifier();
            if (rm.config().numLabels() != 1) {
                throw new IllegalArgumentException(dir + ": num_labels is " + rm.config().numLabels()
                        + "; a reward model has exactly one output");
            }
            if (maxLength > rm.config().maxPositions()) {
                throw new IllegalArgumentException("max_length " + maxLength + " exceeds the reward model's "
                        + "max_position_embeddings " + rm.config().maxPositions());
            }
            TextTokenizer tok = TextTokenizer.load(dir);
            return new RewardScorer(model, tok, maxLength, truncateAnswers, RewardStats.read(dir), batchSize);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Raw scores, one per (prompt, answer). */
    public float[] score(List<String> prompts, List<String> answers) {
        float[] out = new float[prompts.size()];
        BertForSequenceClassification rm = model.sequenceClassifier();
        try (NoGrad ignored = NoGrad.enter()) {
            for (int start = 0; start < prompts.size(); start += batchSize) {
                int end = Math.min(prompts.size(), start + batchSize);
                PairEncoder.Batch b = encoder.encode(prompts.subList(start, end), answers.subList(start, end));
                try (NDManager m = NDManager.newBaseManager()) {
                    Shape s = new Shape(b.rows(), b.length());
                    float[] scores = rm.forward(m.create(b.ids(), s), m.create(b.typeIds(), s), m.create(b.mask(), s),
                            false).toFloatArray(); // (B, 1)
                    System.arraycopy(scores, 0, out, start, scores.length);
                }
            }
        }
        return out;
    }

    /** The statistics saved with the model, or null. */
    public RewardStats stats() {
        return stats;
    }

    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public void close() {
        try {
            tokenizer.close();
        } finally {
            model.close();
        }
    }
}
