package org.align4j.core.train;

/**
 * One micro-batch, collated in Java memory (token ids, masks): native arrays are created from it
 * inside the step's manager.
 */
public interface MicroBatch {
    /**
     * The batch's share of the step's loss normaliser: loss tokens for SFT, pairs for DPO. The loop
     * divides the summed loss of all micro-batches of a step by the sum of their weights, so that
     * gradient accumulation gives the same gradient as one large batch.
     */
    double weight();

    /** Tokens processed (for tokens/s); examples where tokens make no sense. */
    long tokens();
}
