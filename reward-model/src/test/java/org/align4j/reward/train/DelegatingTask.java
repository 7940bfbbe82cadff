package org.align4j.reward.train;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.align4j.core.train.LossOutput;
import org.align4j.core.train.MicroBatch;
import org.align4j.core.train.TrainableParameter;
import org.align4j.core.train.TrainingTask;

/** A task that forwards to another; tests override one method to observe or disturb a run. */
class DelegatingTask implements TrainingTask {
    private final TrainingTask task;

    DelegatingTask(TrainingTask task) {
        this.task = task;
    }

    @Override
    public int trainSize() {
        return task.trainSize();
    }

    @Override
    public MicroBatch collate(int[] indices) {
        return task.collate(indices);
    }

    @Override
    public LossOutput loss(NDManager step, MicroBatch batch) {
        return task.loss(step, batch);
    }

    @Override
    public boolean hasEvaluation() {
        return task.hasEvaluation();
    }

    @Override
    public Map<String, Double> evaluate() {
        return task.evaluate();
    }

    @Override
    public List<TrainableParameter> trainableParameters() {
        return task.trainableParameters();
    }

    @Override
    public void setTraining(boolean training) {
        task.setTraining(training);
    }

    @Override
    public void saveWeights(Path dir) throws IOException {
        task.saveWeights(dir);
    }

    @Override
    public void loadWeights(Path dir) {
        task.loadWeights(dir);
    }

    @Override
    public void saveFinal(Path dir) throws IOException {
        task.saveFinal(dir);
    }
}
