package org.align4j.core.bundle;

import org.align4j.core.model.CausalLanguageModel;

/**
 * The frozen reference policy π_ref (DPO's reference, PPO's KL anchor, eval's comparison). Its log-probs
 * are taken inside {@link #activate()}: for a full fine-tune that is a second, frozen load of the starting
 * weights; with LoRA it is the trained model itself with its adapters switched off, so no second copy of
 * the weights exists (as TRL and OpenRLHF do with PEFT).
 */
public interface FrozenReference {
    /** The model to run while {@link #activate()} is open, without gradients. */
    CausalLanguageModel model();

    /** Puts the reference in place (e.g. switches adapters off) until the returned scope is closed. */
    Scope activate();

    /** Whether this reference holds its own copy of the weights. */
    boolean ownsWeights();

    /** A model loaded on its own (e.g. {@code align eval --reference}) as the reference: nothing to switch. */
    static FrozenReference of(CausalLanguageModel model) {
        return new FrozenReference() {
            @Override
            public CausalLanguageModel model() {
                return model;
            }

            @Override
            public Scope activate() {
                return () -> { };
            }

            @Override
            public boolean ownsWeights() {
                return true;
            }
        };
    }

    /** A scope that undoes {@link #activate()}. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
