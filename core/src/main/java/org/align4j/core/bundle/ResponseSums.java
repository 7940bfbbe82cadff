package org.align4j.core.bundle;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.stream.IntStream;
import org.align4j.core.logprob.ResponseLogProbs;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.nn.NoGrad;
import org.align4j.datasets.collate.Batch;
import org.align4j.datasets.collate.Collator;
import org.align4j.datasets.collate.TokenizedSequence;

/**
 * Summed log-probs of the loss-masked (response) tokens of sequences under a causal LM, without gradients,
 * in right-padded batches: perplexity on held-out answers, the KL between two policies on the same answers.
 *
 * @param sums the summed response-token log-prob of each sequence
 * @param tokens the response tokens of each sequence
 */
public record ResponseSums(double[] sums, int[] tokens) {

    /** Scores {@code seqs} with {@code model} in batches of {@code batchSize}, each in its own manager. */
    public static ResponseSums of(CausalLanguageModel model, Collator collator, List<TokenizedSequence> seqs,
            int batchSize) {
        double[] sums = new double[seqs.size()];
        int[] tokens = new int[seqs.size()];
        try (NoGrad ignored = NoGrad.enter()) {
            for (int from = 0; from < seqs.size(); from += batchSize) {
                int[] idx = IntStream.range(from, Math.min(seqs.size(), from + batchSize)).toArray();
                Batch b = collator.rightPadded(seqs.subList(from, from + idx.length), idx);
                try (NDManager step = NDManager.newBaseManager()) {
                    float[] s = ResponseLogProbs.of(model, step, b, false).sums().toFloatArray(); // (B)
                    for (int i = 0; i < idx.length; i++) {
                        sums[from + i] = s[i];
                        tokens[from + i] = seqs.get(from + i).trainedTokens();
                    }
                }
            }
        }
        return new ResponseSums(sums, tokens);
    }

    /** The total of the sums. */
    public double total() {
        double s = 0;
        for (double v : sums) {
            s += v;
        }
        return s;
    }

    /** The total of the token counts. */
    public long totalTokens() {
        long s = 0;
        for (int v : tokens) {
            s += v;
        }
        return s;
    }
}
