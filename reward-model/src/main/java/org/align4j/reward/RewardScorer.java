package org.align4j.reward;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import org.align4j.core.io.Closeables;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.model.BertConfig;
import org.align4j.core.model.ModelConfigs;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.model.bert.BertForSequenceClassification;
import org.align4j.core.nn.NoGrad;
import org.align4j.core.tokenizer.TextTokenizer;
import org.align4j.core.tokenizer.TokenizerFiles;

/**
 * Scores (prompt, answer) texts with a saved reward model and its own tokenizer, in batches and
 * without gradients. Policy text is decoded by the caller and re-encoded here, so policy and reward
 * model may use different vocabularies. Inputs are batched by length (less padding); the scores do not
 * depend on the batching. Thread-confined: use one scorer per thread.
 */
public final class RewardScorer implements AutoCloseable {
    private final PretrainedModel model;
    private final TextTokenizer tokenizer;
    private final PairEncoder encoder;
    private final RewardStats stats;
    private final int batchSize;
    private final boolean owned;

    private RewardScorer(PretrainedModel model, TextTokenizer tokenizer, int maxLength, boolean truncateAnswers,
            RewardStats stats, int batchSize, boolean owned) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.encoder = new PairEncoder(tokenizer, maxLength, truncateAnswers);
        this.stats = stats;
        this.batchSize = batchSize;
        this.owned = owned;
    }

    /**
     * A scorer over a model and tokenizer that stay the caller's ({@link #close} leaves them open): the
     * trainer evaluates the model it is training this way, through the same code as a saved model.
     */
    public static RewardScorer over(PretrainedModel model, TextTokenizer tokenizer, int maxLength,
            boolean truncateAnswers, int batchSize) {
        checkModel(model, maxLength, "the reward model");
        return new RewardScorer(model, tokenizer, maxLength, truncateAnswers, null, batchSize, false);
    }

    /**
     * Loads a saved reward model with the input length it was trained with: its tokenizer_config.json's
     * {@code model_max_length} (the trainer writes its {@code max_length} there), capped by the model's
     * position limit; answers that do not fit are an error.
     */
    public static RewardScorer load(Path dir, int batchSize) {
        return load(dir, savedMaxLength(dir), false, batchSize);
    }

    /** The input length of a saved model: its tokenizer's {@code model_max_length}, capped by its positions. */
    public static int savedMaxLength(Path dir) {
        OptionalInt saved = TokenizerFiles.readSettings(dir).modelMaxLength();
        int positions = ModelConfigs.read(dir) instanceof BertConfig b ? b.maxPositions() : Integer.MAX_VALUE;
        return Math.min(saved.orElse(positions), positions);
    }

    /**
     * @param maxLength the longest input in tokens (at most the model's position limit)
     * @param truncateAnswers cut answers that do not fit instead of failing
     */
    public static RewardScorer load(Path dir, int maxLength, boolean truncateAnswers, int batchSize) {
        PretrainedModel model = HfCheckpoint.load(dir);
        TextTokenizer tok = null;
        try {
            checkModel(model, maxLength, dir.toString());
            tok = TextTokenizer.load(dir);
            return new RewardScorer(model, tok, maxLength, truncateAnswers, RewardStats.read(dir), batchSize, true);
        } catch (RuntimeException e) {
            throw Closeables.closeOnFailure(e, tok, model);
        }
    }

    private static void checkModel(PretrainedModel model, int maxLength, String where) {
        BertForSequenceClassification rm = rewardHead(model, where);
        if (maxLength > rm.config().maxPositions()) {
            throw new IllegalArgumentException("max_length " + maxLength + " exceeds the reward model's "
                    + "max_position_embeddings " + rm.config().maxPositions());
        }
    }

    /**
     * The model's sequence classifier when it is a reward model (one output, num_labels 1); else the error that
     * says so, starting with {@code where}.
     */
    public static BertForSequenceClassification rewardHead(PretrainedModel model, String where) {
        BertForSequenceClassification rm = model.sequenceClassifier();
        if (rm.config().numLabels() != 1) {
            throw new IllegalArgumentException(where + ": num_labels is " + rm.config().numLabels()
                    + "; a reward model has exactly one output");
        }
        return rm;
    }

    /** Raw scores, one per (prompt, answer). */
    public float[] score(List<String> prompts, List<String> answers) {
        return score(encoder.encodeAll(prompts, answers));
    }

    /** Raw scores of sequences already fitted by {@link #encoder()}. */
    public float[] score(PairEncoder.Sequence[] sequences) {
        float[] out = new float[sequences.length];
        Integer[] order = new Integer[sequences.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> sequences[i].length()));
        BertForSequenceClassification rm = model.sequenceClassifier();
        try (NoGrad ignored = NoGrad.enter()) {
            for (int start = 0; start < order.length; start += batchSize) {
                int end = Math.min(order.length, start + batchSize);
                List<PairEncoder.Sequence> batch = new ArrayList<>(end - start);
                for (int i = start; i < end; i++) {
                    batch.add(sequences[order[i]]);
                }
                PairEncoder.Batch b = encoder.pad(batch);
                try (NDManager m = NDManager.newBaseManager()) {
                    Shape s = new Shape(b.rows(), b.length());
                    float[] scores = rm.forward(m.create(b.ids(), s), m.create(b.typeIds(), s), m.create(b.mask(), s),
                            false).toFloatArray(); // (B, 1)
                    for (int i = start; i < end; i++) {
                        out[order[i]] = scores[i - start];
                    }
                }
            }
        }
        return out;
    }

    /** The encoder this scorer fits inputs with (its tokenizer, max length and truncation rule). */
    public PairEncoder encoder() {
        return encoder;
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
        if (!owned) {
            return;
        }
        try {
            tokenizer.close();
        } finally {
            model.close();
        }
    }
}
