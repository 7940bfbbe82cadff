package org.align4j.dpo.refresh;

import java.nio.file.Path;
import java.util.List;
import org.align4j.datasets.PreferencePair;

/**
 * Trains a candidate policy from the production policy (the real one runs DPO: {@link DpoRefreshTrainer}).
 * Tests inject fast fakes.
 */
@FunctionalInterface
public interface RefreshTrainer {
    /**
     * Trains and returns the directory of the candidate, a complete model in Hugging Face layout
     * inside {@code request.workDir()}.
     */
    Path train(Request request);

    /**
     * What to train.
     *
     * @param baseModel the production policy's checkpoint directory (also the DPO reference)
     * @param pairs the new pairs plus the replay sample
     * @param heldOut the held-out pairs (evaluated on during training; never trained on)
     * @param workDir an empty directory of this run for checkpoints and metrics
     */
    record Request(Path baseModel, List<PreferencePair> pairs, List<PreferencePair> heldOut, Path workDir) {
        public Request {
            pairs = List.copyOf(pairs);
            heldOut = List.copyOf(heldOut);
        }
    }
}
