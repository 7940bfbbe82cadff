package org.align4j.dpo.reference;

import ai.djl.ndarray.NDArray;

/**
 * Summed reference log-probs {@code log πref(y|x)} of a batch of pairs, outside any autograd graph.
 *
 * @param chosen (B) of the chosen answers
 * @param rejected (B) of the rejected answers
 */
public record ReferenceSums(NDArray chosen, NDArray rejected) {}
