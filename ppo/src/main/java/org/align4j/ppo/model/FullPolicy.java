package org.align4j.ppo.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.TensorDType;
import org.align4j.core.model.CausalLanguageModel;
import org.align4j.core.model.PretrainedModel;
import org.align4j.core.train.ParameterGroups;
import org.align4j.core.train.TrainableParameter;

/**
 * A fully fine-tuned policy: every weight trains, and the reference is a second load of the starting
 * checkpoint with every parameter frozen, run without gradients.
 */
public final class FullPolicy implements Policy {
    private final Path source;
    private final PretrainedModel model;
    private final FrozenReference reference;

    private FullPolicy(Path source, PretrainedModel model, FrozenReference reference) {
        this.source = source;
        this.model = model;
        this.reference = reference;
    }

    /** Loads the policy from {@code dir} twice: once to train, once as the frozen reference. */
    public static FullPolicy load(Path dir) {
        PretrainedModel policy = HfCheckpoint.load(dir);
        try {
            policy.causalLm();
            return new FullPolicy(dir, policy, FrozenReference.load(dir));
        } catch (RuntimeException e) {
            policy.close();
            throw e;
        }
    }

    /** The loaded checkpoint (config and token ids). */
    public PretrainedModel pretrained() {
        return model;
    }

    @Override
    public CausalLanguageModel lm() {
        return model.causalLm();
    }

    @Override
    public List<TrainableParameter> trainableParameters() {
        return ParameterGroups.of(model.module());
    }

    @Override
    public ReferenceModel reference() {
        return reference;
    }

    @Override
    public void saveWeights(Path dir) throws IOException {
        HfCheckpoint.writeInto(model, dir, TensorDType.F32, HfCheckpoint.DEFAULT_MAX_SHARD_BYTES);
        HfCheckpoint.copySideFiles(source, dir);
    }

    @Override
    public void loadWeights(Path dir) {
        HfCheckpoint.loadWeights(model.module(), model.config(), dir, model.manager());
    }

    @Override
    public void close() {
        try {
            reference.close();
        } finally {
            model.close();
        }
    }

    /** The starting weights, loaded again and frozen. */
    static final class FrozenReference implements ReferenceModel {
        private final PretrainedModel model;

        private FrozenReference(PretrainedModel model) {
            this.model = model;
        }

        static FrozenReference load(Path dir) {
            PretrainedModel m = HfCheckpoint.load(dir);
            m.module().setTrainable(false);
            return new FrozenReference(m);
        }

        @Override
        public CausalLanguageModel model() {
            return model.causalLm();
        }

        @Override
        public Scope activate() {
            return () -> { };
        }

        @Override
        public boolean ownsWeights() {
            return true;
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
