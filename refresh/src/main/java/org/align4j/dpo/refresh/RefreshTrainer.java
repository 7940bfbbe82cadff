package org.align4j.dpo.refresh;

import java.nio.file.Path;
import java.util.List;
import org.align4j.datasets.PreferencePair;
import org.align4j.datasets.UnpairedExample;

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
     * @param examples the unpaired examples a KTO refresh trains on (empty for the paired losses)
     */
    record Request(Path baseModel, List<PreferencePair> pairs, List<PreferencePair> heldOut, Path workDir,
            List<UnpairedExample> examples) {
        public Request {
            pairs = List.copyOf(pairs);
            heldOut = List.copyOf(heldOut);
            examples = List.copyOf(examples);
        }

        /** A request for a paired loss. */
        public Request(Path baseModel, List<PreferencePair> pairs, List<PreferencePair> heldOut, Path workDir) {
            this(baseModel, pairs, heldOut, workDir, List.of());
        }
    }
}
