package org.align4j.ppo.model;

import org.align4j.core.model.CausalLanguageModel;

/**
 * The frozen reference policy π_ref of the KL penalty. Its log-probabilities are taken inside
 * {@link #activate()}: for a full fine-tune that is a second, frozen load of the starting weights; with
 * LoRA it is the trained model itself with its adapters switched off, so no second copy of the weights
 * exists.
 */
public interface ReferenceModel extends AutoCloseable {
    /** The model to run while {@link #activate()} is open. */
    CausalLanguageModel model();

    /** Puts the reference in place (e.g. switches adapters off) until the returned scope is closed. */
    Scope activate();

    /** Whether this reference holds its own copy of the weights. */
    boolean ownsWeights();

    @Override
    void close();

    /** A scope that undoes {@link #activate()}. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
