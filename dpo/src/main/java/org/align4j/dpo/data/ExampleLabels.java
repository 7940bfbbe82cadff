package org.align4j.dpo.data;

import java.util.List;
import org.align4j.datasets.PreferencePair;

/**
 * Per-row labels of a training set, looked up by the rows' indices in each micro-batch.
 *
 * @param desirable per row, 1 for a desirable answer and 0 for an undesirable one (KTO); all 1 for pairs
 * @param weights per row, the row's weight in the loss (rater reliability, severity)
 */
public record ExampleLabels(float[] desirable, float[] weights) {
    public ExampleLabels {
        if (desirable.length != weights.length) {
            throw new IllegalArgumentException(desirable.length + " labels but " + weights.length + " weights");
        }
    }

    /** The pairs' own weights ({@code "weight"}, 1 when absent), or null when every pair weighs 1. */
    public static ExampleLabels ofPairs(List<PreferencePair> pairs) {
        float[] d = new float[pairs.size()];
        float[] w = new float[pairs.size()];
        boolean any = false;
        for (int i = 0; i < pairs.size(); i++) {
            d[i] = 1f;
            Double weight = pairs.get(i).weight();
            w[i] = weight == null ? 1f : weight.floatValue();
            any |= w[i] != 1f;
        }
        return any ? new ExampleLabels(d, w) : null;
    }

    /** The labels of the rows at {@code indices}. */
    public ExampleLabels select(int[] indices) {
        float[] d = new float[indices.length];
        float[] w = new float[indices.length];
        for (int k = 0; k < indices.length; k++) {
            d[k] = desirable[indices[k]];
            w[k] = weights[indices[k]];
        }
        return new ExampleLabels(d, w);
    }
}
