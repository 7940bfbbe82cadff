package org.align4j.core.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.align4j.core.io.HfCheckpoint;
import org.align4j.core.io.TensorDType;
import org.align4j.core.model.PretrainedModel;

/**
 * A {@link TrainingTask} that trains every weight of one {@link PretrainedModel} (no adapters, no frozen
 * reference): its parameters in {@link ParameterGroups}' decay groups, dropout switched by the loop, and
 * checkpoints written and restored as the Hugging Face model in fp32.
 */
public abstract class WholeModelTask implements TrainingTask {
    protected final PretrainedModel model;
    private boolean training;

    protected WholeModelTask(PretrainedModel model) {
        this.model = model;
    }

    /** Whether the loop has switched dropout on (it starts off). */
    protected final boolean training() {
        return training;
    }

    @Override
    public final List<TrainableParameter> trainableParameters() {
        return ParameterGroups.of(model.module());
    }

    @Override
    public final void setTraining(boolean training) {
        this.training = training;
    }

    /** The model in HF layout, fp32; a stage adds its side files by overriding and calling this first. */
    @Override
    public void saveWeights(Path dir) throws IOException {
        HfCheckpoint.writeInto(model, dir, TensorDType.F32, HfCheckpoint.DEFAULT_MAX_SHARD_BYTES);
    }

    @Override
    public final void loadWeights(Path dir) {
        HfCheckpoint.loadWeights(model.module(), model.config(), dir, model.manager());
    }
}
